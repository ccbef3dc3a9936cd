package com.keepwell.scoring.serving;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts old events per wall-clock minute; history counts as being replayed while the current or the previous
 * minute reached the threshold.
 */
final class BackfillDetector {

    private final int perMinute;
    private long minute = Long.MIN_VALUE;
    private int count;
    private Instant lastBusyMinuteEnd = Instant.MIN;

    BackfillDetector(int perMinute) {
        this.perMinute = perMinute;
    }

    synchronized void oldEventProcessed(Instant now) {
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
}
