package com.keepwell.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SimulationRunTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration MAX_AHEAD = Duration.ofHours(6);

    /**
     * Hands each event to a slow consumer, and notes how far the consumer had got when the event was sent, and
     * whether it had read anything when the event before was sent. The run checks the consumer between the two
     * sends, so only an event whose predecessor already saw a reading was certainly checked against one: the
     * consumer may read its first event between the run's check and the send.
     */
    private static final class SlowConsumerSink implements EventSink {

        final ConcurrentLinkedQueue<Instant> queue = new ConcurrentLinkedQueue<>();
        final AtomicReference<Instant> reached = new AtomicReference<>();
        final List<Instant[]> sentAgainstReached = new ArrayList<>();
        boolean readAnythingAtLastSend;
        long sent;

        @Override
        public void send(String customerId, byte[] cloudEvent) {
            Instant time;
            try {
                time = Instant.parse(CloudEvents.JSON.readTree(cloudEvent).path("time").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Instant now = reached.get();
            if (readAnythingAtLastSend) {
                sentAgainstReached.add(new Instant[] {time, now});
            }
            readAnythingAtLastSend = now != null;
            queue.add(time);
            sent++;
        }

        /** Reads a few events a millisecond, far slower than an unpaced run sends them. */
        void consume() {
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < 5; i++) {
                    Instant t = queue.poll();
                    if (t != null) {
                        reached.accumulateAndGet(t, (a, b) -> a == null || b.isAfter(a) ? b : a);
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public Counts counts() {
            return new Counts(sent, sent, 0);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_run_paced_by_a_consumer_never_gets_further_ahead_of_it_than_allowed() throws Exception {
        StorefrontSimulator simulator = new StorefrontSimulator(
                SimulationSettings.defaults(31, 300, START, Duration.ofDays(30)));
        SlowConsumerSink sink = new SlowConsumerSink();
        Thread consumer = new Thread(sink::consume);
        consumer.start();
        SimulationRun run = new SimulationRun(simulator, sink, "/test", 0).pacedBy(sink.reached::get, MAX_AHEAD);
        try {
            run.run(new PrintStream(OutputStream.nullOutputStream()));
        } finally {
            consumer.interrupt();
            consumer.join();
        }

        assertThat(sink.sent).isGreaterThan(1000);
        // before the consumer has read anything the run is not held back; from then on it stays within reach
        assertThat(sink.sentAgainstReached).isNotEmpty()
                .allSatisfy(p -> assertThat(p[0]).isBeforeOrEqualTo(p[1].plus(MAX_AHEAD)));
        assertThat(run.heldBack()).isPositive();
    }
}
