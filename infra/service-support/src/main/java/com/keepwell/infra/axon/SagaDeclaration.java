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

    /**
     * Sees every event of a type the saga handles as the saga's processor reads it, before {@link #relevant()},
     * relevant or not: for what a saga needs to know about the stream as a whole rather than its own instance (how
     * far a replay of history has come). Runs on the processor's threads, and may see an event more than once (Axon
     * asks whether to schedule it and again whether to handle it); the default does nothing.
     */
    default void read(EventMessage<?> event) {
    }
}
