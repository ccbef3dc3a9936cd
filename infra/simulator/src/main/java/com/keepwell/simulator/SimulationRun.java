package com.keepwell.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Drives a simulator into a sink, optionally paced to a rate, with progress; writes the ground truth at the end. */
public final class SimulationRun {

    private final StorefrontSimulator simulator;
    private final EventSink sink;
    private final String source;
    private final double eventsPerSecond;
    private volatile boolean stopped;

    public SimulationRun(StorefrontSimulator simulator, EventSink sink, String source, double eventsPerSecond) {
        this.simulator = simulator;
        this.sink = sink;
        this.source = source;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Runs until the simulated period ends or {@link #stop()}; returns how many events were sent. */
    public long run(PrintStream progressOut) {
        Progress progress = new Progress(progressOut, "simulate", Duration.ofSeconds(5));
        SimulationSettings settings = simulator.settings();
        double totalSeconds = settings.duration().toSeconds();
        long started = System.nanoTime();
        long count = 0;
        while (!stopped && simulator.hasNext()) {
            SimEvent event = simulator.next();
            sink.send(event.customerId(), CloudEvents.toJson(event, source));
            count++;
            if (eventsPerSecond > 0) {
                long dueNanos = started + (long) (count / eventsPerSecond * 1e9);
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            progress.update(Duration.between(settings.start(), event.time()).toSeconds() / totalSeconds, count,
                    event.time(), false);
        }
        sink.flush();
        progress.update(1, count, simulator.clock(), true);
        return count;
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
