package com.keepwell.scoring.serving;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts old events per wall-clock minute; history counts as being replayed while the current or the previous
 * minute reached the threshold. Also keeps the storefront time the replay has reached: the newest old event since
 * old events last stopped for two minutes, so a later import of older history starts from its own time.
 */
final class BackfillDetector {

    private static final Duration IMPORT_GAP = Duration.ofMinutes(2);

    private final int perMinute;
    private long minute = Long.MIN_VALUE;
    private int count;
    private Instant lastBusyMinuteEnd = Instant.MIN;
    private Instant lastOldEventAt;
    private Instant reached;

    BackfillDetector(int perMinute) {
        this.perMinute = perMinute;
    }

    /** An event that happened at {@code occurredAt}, older than the backfill lag, was processed {@code now}. */
    synchronized void oldEventProcessed(Instant now, Instant occurredAt) {
        if (lastOldEventAt != null && now.isAfter(lastOldEventAt.plus(IMPORT_GAP))) {
            reached = null;
        }
        lastOldEventAt = now;
        if (reached == null || occurredAt.isAfter(reached)) {
            reached = occurredAt;
        }
        long m = now.getEpochSecond() / 60;
        if (m != minute) {
            minute = m;
            count = 0;
        }
        if (++count >= perMinute) {
            lastBusyMinuteEnd = Instant.ofEpochSecond((m + 1) * 60);
        }
    }

    synchronized boolean active(Instant now) {
        return now.isBefore(lastBusyMinuteEnd.plus(Duration.ofMinutes(1)));
    }

    /** The newest old event of the current (or last) import; null before any. */
    synchronized Instant reached() {
        return reached;
    }
}
