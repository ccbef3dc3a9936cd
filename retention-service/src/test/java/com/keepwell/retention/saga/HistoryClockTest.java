package com.keepwell.retention.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HistoryClockTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    /** A storefront time a year back, which a replay is reading. */
    private static final Instant PAST = START.minus(Duration.ofDays(365));

    private Instant wall = START;
    private final HistoryClock clock = new HistoryClock(Duration.ofHours(6), () -> wall);

    @Test
    void during_a_replay_a_time_has_passed_once_events_a_margin_later_were_read() {
        wall = START.plusSeconds(10);
        clock.read(PAST);
        assertThat(clock.passed(PAST.minus(HistoryClock.MARGIN))).isTrue();
        assertThat(clock.passed(PAST.minusSeconds(1))).as("within the margin: a customer may still be behind")
                .isFalse();
        assertThat(clock.askAgainAt(PAST)).isEqualTo(wall.plus(HistoryClock.ASK_AGAIN));

        wall = wall.plusSeconds(5);
        clock.read(PAST.plus(Duration.ofDays(3)));
        assertThat(clock.passed(PAST.plus(Duration.ofDays(2)))).isTrue();
        assertThat(clock.passed(PAST.plus(Duration.ofDays(2).plusSeconds(1)))).isFalse();
    }

    @Test
    void the_present_is_the_newest_time_read_while_a_replay_runs_and_none_otherwise() {
        assertThat(clock.present()).as("nothing read").isNull();
        wall = START.plusSeconds(10);
        clock.read(PAST.plus(Duration.ofDays(3)));
        clock.read(PAST.plus(Duration.ofDays(2)));
        assertThat(clock.present()).as("a customer behind the others does not move it back")
                .isEqualTo(PAST.plus(Duration.ofDays(3)));
        wall = wall.plus(HistoryClock.PAUSE).plusSeconds(1);
        assertThat(clock.present()).as("no old event for a while: the replay is over").isNull();
    }

    @Test
    void recent_events_do_not_move_the_replay_and_do_not_count_as_one() {
        wall = START.plus(HistoryClock.PAUSE);
        clock.read(PAST);
        // live traffic beside the replay: it says nothing about how far the replay has come
        clock.read(wall.minusSeconds(30));
        assertThat(clock.passed(PAST.plus(Duration.ofDays(10)))).isFalse();
        // the replay stops; live traffic goes on
        wall = wall.plus(HistoryClock.PAUSE).plusSeconds(1);
        clock.read(wall.minusSeconds(30));
        assertThat(clock.passed(PAST.plus(Duration.ofDays(10)))).as("the replay is over: the wall clock rules")
                .isTrue();
    }

    @Test
    void without_a_replay_the_wall_clock_rules_once_the_processor_had_time_to_catch_up() {
        assertThat(clock.passed(START.minus(Duration.ofDays(30))))
                .as("just started: a replay may be under way that the processor has not reached").isFalse();
        wall = START.plus(HistoryClock.PAUSE);
        assertThat(clock.passed(START.minus(Duration.ofDays(30)))).isTrue();
        assertThat(clock.passed(wall.plusSeconds(1))).as("the wall clock has not got there").isFalse();
        assertThat(clock.askAgainAt(wall.plusSeconds(60))).isEqualTo(wall.plusSeconds(60));
    }

    @Test
    void outcomes_settle_up_to_a_margin_behind_a_replay_and_up_to_the_wall_clock_without_one() {
        assertThat(clock.passedUpTo()).as("no replay seen: the wall clock, even just after a start").isEqualTo(wall);
        wall = START.plusSeconds(10);
        clock.read(PAST.plus(Duration.ofDays(3)));
        assertThat(clock.passedUpTo()).isEqualTo(PAST.plus(Duration.ofDays(3)).minus(HistoryClock.MARGIN));
        assertThat(clock.passed(clock.passedUpTo())).isTrue();
        wall = wall.plus(HistoryClock.PAUSE).plusSeconds(1);
        assertThat(clock.passedUpTo()).as("the replay is over").isEqualTo(wall);
    }

    @Test
    void a_later_replay_of_older_history_starts_from_its_own_time() {
        wall = START.plusSeconds(10);
        clock.read(PAST);
        wall = wall.plus(HistoryClock.PAUSE).plusSeconds(1);
        clock.read(PAST.minus(Duration.ofDays(100)));
        assertThat(clock.passed(PAST.minus(Duration.ofDays(50)))).isFalse();
    }
}
