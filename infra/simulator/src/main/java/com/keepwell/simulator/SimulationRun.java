package com.keepwell.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Drives a simulator into a sink, optionally paced to a rate, with progress; writes the ground truth at the end. */
public final class SimulationRun {

    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(5);
    private static final Duration HOLD_POLL = Duration.ofMillis(20);
    private static final Duration HOLD_NOTICE = Duration.ofSeconds(10);

    private final StorefrontSimulator simulator;
    private final EventSink sink;
    private final String source;
    private final double eventsPerSecond;
    private volatile boolean stopped;
    private Supplier<Instant> consumerReached = () -> null;
    private Duration maxAhead = Duration.ZERO;
    private long heldBackNanos;

    public SimulationRun(StorefrontSimulator simulator, EventSink sink, String source, double eventsPerSecond) {
        this.simulator = simulator;
        this.sink = sink;
        this.source = source;
        this.eventsPerSecond = eventsPerSecond;
    }

    /**
     * Holds the run back while it is more than {@code maxAhead} of simulated time ahead of what a consumer has
     * reached ({@code reached}: null while the consumer is not reading, which does not hold the run back). A replay
     * runs far faster than the platform's wall-clock steps (debounce, polling, deadlines); one that acts on the
     * replay (retention answering the simulated customers) must not fall days behind them.
     */
    public SimulationRun pacedBy(Supplier<Instant> reached, Duration maxAhead) {
        this.consumerReached = reached;
        this.maxAhead = maxAhead;
        return this;
    }

    /** How long the run has been held back by the consumer it is paced by. */
    public Duration heldBack() {
        return Duration.ofNanos(heldBackNanos);
    }

    /** Runs until the simulated period ends or {@link #stop()}; returns how many events were sent. */
    public long run(PrintStream progressOut) {
        return run(progressOut, 0, sent -> { });
    }

    /**
     * Runs like {@link #run(PrintStream)}, first skipping {@code alreadySent} events (the stream is deterministic,
     * so a restarted run resumes where the last one stopped), and every few seconds hands {@code checkpoint} the
     * number of events the target has acknowledged.
     */
    public long run(PrintStream progressOut, long alreadySent, LongConsumer checkpoint) {
        Progress progress = new Progress(progressOut, "simulate", Duration.ofSeconds(5));
        SimulationSettings settings = simulator.settings();
        double totalSeconds = settings.duration().toSeconds();
        long count = 0;
        while (count < alreadySent && simulator.hasNext()) {
            simulator.next();
            count++;
        }
        long started = System.nanoTime();
        long resumedAt = count;
        long lastCheckpoint = System.nanoTime();
        while (!stopped && simulator.hasNext()) {
            SimEvent event = simulator.next();
            long waited = waitForConsumer(event.time(), progressOut);
            // the rate counts from the end of the wait, or the run would catch up in a burst
            started += waited;
            heldBackNanos += waited;
            sink.send(event.customerId(), CloudEvents.toJson(event, source));
            count++;
            if (System.nanoTime() - lastCheckpoint > CHECKPOINT_EVERY.toNanos()) {
                sink.flush();
                checkpoint.accept(count);
                lastCheckpoint = System.nanoTime();
            }
            if (eventsPerSecond > 0) {
                long dueNanos = started + (long) ((count - resumedAt) / eventsPerSecond * 1e9);
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            progress.update(Duration.between(settings.start(), event.time()).toSeconds() / totalSeconds, count,
                    event.time(), false);
        }
        sink.flush();
        checkpoint.accept(count);
        progress.update(stopped ? Duration.between(settings.start(), simulator.clock()).toSeconds() / totalSeconds : 1,
                count, simulator.clock(), true);
        return count;
    }

    /**
     * Waits while {@code next} is too far ahead of the consumer; returns the nanoseconds waited. A wait longer than
     * {@link #HOLD_NOTICE} says so, as the progress lines stop meanwhile.
     */
    private long waitForConsumer(Instant next, PrintStream progressOut) {
        long from = System.nanoTime();
        boolean told = false;
        Instant reached;
        while (!stopped && (reached = consumerReached.get()) != null && next.isAfter(reached.plus(maxAhead))) {
            sink.flush();
            if (!told && System.nanoTime() - from > HOLD_NOTICE.toNanos()) {
                progressOut.printf("simulate: waiting for the platform, which has read up to %s%n", reached);
                told = true;
            }
            LockSupport.parkNanos(HOLD_POLL.toNanos());
        }
        return System.nanoTime() - from;
    }

    public void stop() {
        stopped = true;
    }

    /** Writes one JSON line of {@link GroundTruth} per customer. */
    public static void writeGroundTruth(StorefrontSimulator simulator, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (GroundTruth truth : simulator.groundTruth()) {
                out.write(CloudEvents.JSON.writeValueAsString(truth));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + file, e);
        }
    }
}
