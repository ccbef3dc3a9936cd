package com.keepwell.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A progress line every few seconds: how far, how fast, and when it will be done. */
final class Progress {

    private final PrintStream out;
    private final String what;
    private final Duration every;
    private final long startedNanos = System.nanoTime();
    private long lastPrintNanos = System.nanoTime();

    Progress(PrintStream out, String what, Duration every) {
        this.out = out;
        this.what = what;
        this.every = every;
    }

    /** {@code done} of {@code total} work units (0..1 as fraction), {@code count} events so far. */
    void update(double fraction, long count, Instant simulatedTime, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrintNanos < every.toNanos()) {
            return;
        }
        lastPrintNanos = now;
        double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
        String eta = fraction > 0 && fraction < 1
                ? formatDuration((long) (seconds / fraction * (1 - fraction))) : "-";
        String at = simulatedTime == null ? "" : " at " + LocalDate.ofInstant(simulatedTime, ZoneOffset.UTC);
        out.printf("%s: %5.1f%%  %,d events%s  %,.0f events/s  elapsed %s  ETA %s%n", what, 100 * fraction, count, at,
                count / seconds, formatDuration((long) seconds), eta);
    }

    static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
