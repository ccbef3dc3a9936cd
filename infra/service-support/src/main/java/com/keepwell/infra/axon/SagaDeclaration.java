package com.keepwell.infra.axon;

import java.util.function.Predicate;

import org.axonframework.eventhandling.EventMessage;

/**
 * A service's way of handing a saga type to the one Axon configuration of the process: a CDI bean implementing
 * this. Sagas are not beans themselves (Axon creates and serializes them), so nothing else would find them.
 */
public interface SagaDeclaration {

    Class<?> sagaType();

    /**
     * Whether an event of a type the saga handles can matter to it. An event answered {@code false} is passed over
     * before any unit of work: no transaction, no lookup of the sagas associated with it. Only for events the saga's
     * handlers would ignore anyway, judged from the event alone; the default passes every event on.
     */
    default Predicate<EventMessage<?>> relevant() {
        return event -> true;
    }
}
