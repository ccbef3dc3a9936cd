package com.keepwell.infra.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a Kafka consumer stop taking messages early in shutdown, before Axon stops handling the commands the
 * messages become. The message being handled when the gate closes finishes (closing waits for it); every later
 * one gets a stage that never completes, so SmallRye neither acknowledges nor fails it: its offset is not
 * committed, and Kafka delivers it again after the restart (handling is idempotent on event ids). Without the
 * gate, messages delivered between Axon's stop and the connector's were refused ("no handler for command"),
 * retried and finally failed the channel. The channel sets {@code graceful-shutdown=false}, or the connector
 * would wait for the messages that are never to finish. {@link ConsumerGates} hands out the gates and closes them.
 *
 * <p>SmallRye's pausable channels stop the flow but do not wait for the message in hand, and that wait is what lets
 * Axon stop behind them; the gate is a semaphore and a flag.
 */
public final class ConsumerGate {

    private final Semaphore handling = new Semaphore(1);
    private volatile boolean closed;

    /** Handles a message unless the gate is closed; the stage completes when it was handled, never otherwise. */
    public CompletionStage<Void> handle(Runnable work) {
        handling.acquireUninterruptibly();
        try {
            if (closed) {
                return new CompletableFuture<>();
            }
            work.run();
            return CompletableFuture.completedFuture(null);
        } finally {
            handling.release();
        }
    }

    /** Takes no more messages; waits up to {@code patience} for the one being handled. */
    public void close(Duration patience) {
        closed = true;
        try {
            if (handling.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                handling.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
