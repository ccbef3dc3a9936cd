package com.keepwell.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The saga processor of a real Axon configuration passes over what a saga's declaration calls irrelevant. */
class FilteredSagaManagerTest {

    public record Opened(String caseId, boolean actionable) {
    }

    public record Closed(String caseId) {
    }

    /** Starts on every {@link Opened}, as the retention saga does on every risk assessment, and ends at once if not actionable. */
    public static class CaseSaga {

        static final List<String> started = new CopyOnWriteArrayList<>();
        static final List<String> closed = new CopyOnWriteArrayList<>();

        @StartSaga
        @SagaEventHandler(associationProperty = "caseId")
        public void on(Opened e) {
            started.add(e.caseId());
            if (!e.actionable()) {
                SagaLifecycle.end();
            }
        }

        @EndSaga
        @SagaEventHandler(associationProperty = "caseId")
        public void on(Closed e) {
            closed.add(e.caseId());
        }
    }

    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
        CaseSaga.started.clear();
        CaseSaga.closed.clear();
    }

    private final List<Object> read = new CopyOnWriteArrayList<>();

    private void start(Predicate<EventMessage<?>> relevant) {
        start(new SagaDeclaration() {
            @Override
            public Class<?> sagaType() {
                return CaseSaga.class;
            }

            @Override
            public Predicate<EventMessage<?>> relevant() {
                return relevant;
            }

            @Override
            public void read(EventMessage<?> event) {
                read.add(event.getPayload());
            }
        });
    }

    private void start(SagaDeclaration declaration) {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> {
                    processing.usingPooledStreamingEventProcessors((c, builder) -> builder
                            .initialSegmentCount(1)
                            .batchSize(1));
                    processing.registerTokenStore(c -> new InMemoryTokenStore());
                    processing.registerSagaStore(c -> new InMemorySagaStore());
                    AxonRuntime.registerSaga(processing, declaration);
                })
                .buildConfiguration();
        axon.start();
    }

    private void publishAndWaitForTheLast(Object... events) throws InterruptedException {
        for (Object event : events) {
            axon.eventBus().publish(GenericEventMessage.asEventMessage(event));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // the last event is a Closed that always matters; with one segment, everything before it has been seen
        while (CaseSaga.closed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(CaseSaga.closed).as("the processor reached the last event").hasSize(1);
    }

    @Test
    void events_declared_irrelevant_never_reach_a_saga_and_the_others_do() throws InterruptedException {
        start(event -> !(event.getPayload() instanceof Opened opened) || opened.actionable());

        publishAndWaitForTheLast(new Opened("a", true), new Opened("b", false), new Opened("c", false),
                new Opened("d", true), new Closed("d"));

        assertThat(CaseSaga.started).containsExactly("a", "d");
        // Axon asks once to schedule an event and again to handle it, so a relevant event is read twice
        assertThat(read.stream().distinct()).as("the declaration reads every event of a handled type, relevant or not")
                .containsExactly(new Opened("a", true), new Opened("b", false), new Opened("c", false),
                        new Opened("d", true), new Closed("d"));
    }

    @Test
    void by_default_every_event_of_a_handled_type_reaches_the_saga() throws InterruptedException {
        start(new SagaDeclaration() {
            @Override
            public Class<?> sagaType() {
                return CaseSaga.class;
            }
        });

        publishAndWaitForTheLast(new Opened("a", true), new Opened("b", false), new Closed("a"));

        assertThat(CaseSaga.started).containsExactly("a", "b");
    }
}
