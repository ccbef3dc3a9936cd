package com.keepwell.retention.saga;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;

/**
 * How far a replay of history has come, as this instance's retention saga processor reads it. A case opened on an
 * assessment of history ({@code act-on-history}) runs on the history's time: its outcome window ends at a storefront
 * time that the replay reaches seconds later, or never (the replay ends before it). Axon's deadlines run on the
 * wall clock, so such a case's deadline fires at once and asks this clock whether the storefront time has passed:
 * <ul>
 * <li>while a replay runs (an old event read within the last {@link #PAUSE}): once the replay has read an event
 * {@link #MARGIN} or more after it, since events of different customers reach the store a little out of order;</li>
 * <li>otherwise once the wall clock has passed it: the replay is over, or there never was one. Right after a start
 * the processor may not have caught up yet, so the first {@link #PAUSE} answers "not yet".</li>
 * </ul>
 * The time reached restarts with each replay (after a {@link #PAUSE} without old events), as scoring's does.
 * Each instance reads only the segments it processes; acting on history is meant for one instance (the embedded
 * platform, a one-off import).
 */
@ApplicationScoped
@Unremovable // the saga takes it as a handler parameter
public class HistoryClock {

    static final Duration PAUSE = Duration.ofMinutes(2);
    static final Duration MARGIN = Duration.ofDays(1);
    /** How soon a deadline that found its time not yet reached asks again. */
    static final Duration ASK_AGAIN = Duration.ofSeconds(5);

    private final Duration lag;
    /** The wall clock (a deadline message's timestamp is when it was due, not when it fired). */
    private final InstantSource wall;
    private final Instant startedAt;
    private Instant lastOldReadAt;
    private Instant reached;

    @Inject
    HistoryClock(RetentionSettings settings) {
        this(settings.historyLag(), InstantSource.system());
    }

    HistoryClock(Duration lag, InstantSource wall) {
        this.lag = lag;
        this.wall = wall;
        this.startedAt = wall.instant();
    }

    /** The saga's processor read an event of something that happened at {@code occurredAt}. */
    public synchronized void read(Instant occurredAt) {
        Instant now = wall.instant();
        if (occurredAt == null || !occurredAt.isBefore(now.minus(lag))) {
            return;
        }
        if (lastOldReadAt != null && now.isAfter(lastOldReadAt.plus(PAUSE))) {
            reached = null;
        }
        lastOldReadAt = now;
        if (reached == null || occurredAt.isAfter(reached)) {
            reached = occurredAt;
        }
    }

    /**
     * The storefront time the replay has reached, as far as this processor has read it; null when no replay is
     * running. A case opened on history is dated here: the replay runs far faster than the wall clock, so the
     * assessment that opens it (scored a debounce of wall time after its customer's events) describes a moment
     * the replay left days ago, and an offer dated then would reach the storefront after most of its validity.
     */
    public synchronized Instant present() {
        Instant now = wall.instant();
        return lastOldReadAt != null && !now.isAfter(lastOldReadAt.plus(PAUSE)) ? reached : null;
    }

    /** Whether every event of the storefront up to {@code t} has been read. */
    public synchronized boolean passed(Instant t) {
        Instant now = wall.instant();
        if (now.isBefore(t)) {
            return false;
        }
        if (lastOldReadAt != null && !now.isAfter(lastOldReadAt.plus(PAUSE))) {
            return !reached.isBefore(t.plus(MARGIN));
        }
        return !now.isBefore(startedAt.plus(PAUSE));
    }

    /**
     * Up to which storefront time what is learned from retention outcomes may count as settled: while a replay runs,
     * up to {@link #MARGIN} before where it has reached (as {@link #passed}); otherwise the wall clock. Unlike
     * {@link #passed} it does not wait out the first {@link #PAUSE} after a start, when the saga's processor may not
     * have reached a replay under way: outcomes would wait two minutes after every restart, and a followed-up case
     * counted too early reads as not kept only until its order after the window arrives and corrects the count.
     */
    public synchronized Instant passedUpTo() {
        Instant now = wall.instant();
        if (lastOldReadAt != null && !now.isAfter(lastOldReadAt.plus(PAUSE))) {
            Instant replayed = reached.minus(MARGIN);
            return replayed.isBefore(now) ? replayed : now;
        }
        return now;
    }

    /** When a deadline that found {@code t} not yet passed should fire again. */
    public Instant askAgainAt(Instant t) {
        Instant now = wall.instant();
        return now.isBefore(t) ? t : now.plus(ASK_AGAIN);
    }
}
