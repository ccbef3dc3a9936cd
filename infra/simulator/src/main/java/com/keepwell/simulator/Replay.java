package com.keepwell.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays recorded events into the platform in time order through the normal ingestion path, optionally with
 * time compression: {@code speed} simulated seconds per wall-clock second (0 = as fast as the target takes them).
 */
public final class Replay {

    private Replay() {
    }

    public static EventSink.Counts run(List<RecordedEvents.Recorded> events, EventSink sink, double speed,
            PrintStream out) {
        Progress progress = new Progress(out, "replay", Duration.ofSeconds(5));
        if (events.isEmpty()) {
            return sink.counts();
        }
        Instant first = events.get(0).time();
        long started = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            RecordedEvents.Recorded event = events.get(i);
            if (speed > 0) {
                long due = started + (long) (Duration.between(first, event.time()).toNanos() / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sink.flush();
                    LockSupport.parkNanos(wait);
                }
            }
            sink.send(event.customerId(), event.cloudEvent());
            progress.update((i + 1.0) / events.size(), i + 1, event.time(), false);
        }
        sink.flush();
        progress.update(1, events.size(), events.get(events.size() - 1).time(), true);
        return sink.counts();
    }
}
