package com.keepwell.infra.axon;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.axonframework.config.Configuration;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;

/**
 * Axon's saga manager, told which events of the saga's handled types it may pass over. A streaming processor asks
 * {@link #canHandle} before it opens a unit of work, so an event answered "no" costs no transaction, no
 * association lookup and no saga instance: it only moves the processor's position. Axon's own answer depends only
 * on the event's type; a {@code @StartSaga} handler that ends the saga at once for most events of its type (the
 * retention saga and risk assessments that enter no actionable band) otherwise pays all of that per event. The
 * declaration's reader sees each event of a handled type first, relevant or not.
 */
final class FilteredSagaManager<T> extends AnnotatedSagaManager<T> {

    private final Consumer<EventMessage<?>> reader;
    private final Predicate<EventMessage<?>> relevant;

    private FilteredSagaManager(Builder<T> builder, Consumer<EventMessage<?>> reader,
            Predicate<EventMessage<?>> relevant) {
        super(builder);
        this.reader = reader;
        this.relevant = relevant;
    }

    /** Built as Axon's configuration builds its own saga manager, from the saga's registered repository. */
    static <T> FilteredSagaManager<T> of(Configuration c, Class<T> sagaType, SagaDeclaration declaration) {
        SagaConfiguration<T> saga = c.eventProcessingConfiguration().sagaConfiguration(sagaType);
        Builder<T> builder = AnnotatedSagaManager.<T>builder()
                .sagaType(sagaType)
                .sagaRepository(saga.repository())
                .parameterResolverFactory(c.parameterResolverFactory())
                .handlerDefinition(c.handlerDefinition(sagaType))
                .listenerInvocationErrorHandler(saga.listenerInvocationErrorHandler())
                .spanFactory(c.getComponent(SagaManagerSpanFactory.class));
        return new FilteredSagaManager<>(builder, declaration::read, declaration.relevant());
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        // the type check first: the reader and the filter may read the payload, which other event types need not
        // deserialize
        if (!super.canHandle(event, segment)) {
            return false;
        }
        reader.accept(event);
        return relevant.test(event);
    }
}
