package com.keepwell.infra.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Hands each Kafka consumer its {@link ConsumerGate} and closes them all first in shutdown, before Axon's own
 * shutdown observer ({@code AxonRuntime.onStop}, default priority) stops the event processors and, later, command
 * handling. A consumer only has to route its messages through the gate it got here. Scheduled jobs get theirs
 * through {@link FinishesBeforeShutdown}; a job that loops over batches stops between them once {@link #closing()}.
 */
@ApplicationScoped
public class ConsumerGates {

    /** How long shutdown waits for the message each consumer has in hand. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<ConsumerGate> gates = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /** A new gate, closed with the others when the service stops. */
    public ConsumerGate open() {
        ConsumerGate gate = new ConsumerGate();
        gates.add(gate);
        return gate;
    }

    void closeAll(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event) {
        closing = true;
        gates.forEach(gate -> gate.close(PATIENCE));
    }

    /** Shutdown has begun: work in hand finishes, none is started. */
    public boolean closing() {
        return closing;
    }
}
