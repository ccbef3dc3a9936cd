package com.keepwell.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConsumerGateTest {

    private final ConsumerGate gate = new ConsumerGate();

    @Test
    void an_open_gate_handles_and_completes_and_a_failure_propagates() {
        AtomicInteger handled = new AtomicInteger();
        assertThat(gate.handle(handled::incrementAndGet).toCompletableFuture()).isCompleted();
        assertThat(handled).hasValue(1);
        assertThatThrownBy(() -> gate.handle(() -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(gate.handle(handled::incrementAndGet).toCompletableFuture()).isCompleted();
    }

    @Test
    void closing_waits_for_the_message_in_hand_and_later_ones_are_never_handled_nor_finished() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        CompletableFuture<CompletionStage<Void>> inHand = CompletableFuture.supplyAsync(() -> gate.handle(() -> {
            started.countDown();
            await(release);
            handled.incrementAndGet();
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> gate.close(Duration.ofSeconds(10)));
        Thread.sleep(200);
        assertThat(closing).as("close waits for the message being handled").isNotDone();
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);
        assertThat(inHand.get(5, TimeUnit.SECONDS).toCompletableFuture()).isCompleted();
        assertThat(handled).hasValue(1);

        CompletionStage<Void> later = gate.handle(handled::incrementAndGet);
        assertThat(handled).as("a message after closing is not handled").hasValue(1);
        assertThat(later.toCompletableFuture()).as("nor acknowledged, nor failed").isNotDone();
        assertThat(gate.isClosed()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
