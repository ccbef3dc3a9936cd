package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BackfillDetectorTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:05Z");
    private static final Instant OLD = Instant.parse("1998-06-30T00:00:00Z");

    @Test
    void a_stream_of_old_events_is_a_replay_until_it_stops_for_a_minute() {
        BackfillDetector detector = new BackfillDetector(100);
        for (int i = 0; i < 100; i++) {
            detector.oldEventProcessed(T.plusMillis(i * 100L), OLD);
        }
        assertThat(detector.active(T.plusSeconds(30))).isTrue();
        assertThat(detector.active(T.plusSeconds(100))).isTrue();
        assertThat(detector.active(T.plusSeconds(121))).isFalse();
    }

    @Test
    void a_few_late_events_from_a_quiet_shop_are_not_a_replay() {
        BackfillDetector detector = new BackfillDetector(100);
        for (int i = 0; i < 99; i++) {
            detector.oldEventProcessed(T.plusMillis(i), OLD);
        }
        assertThat(detector.active(T.plusSeconds(1))).isFalse();
    }

    @Test
    void the_time_an_import_reached_is_its_newest_old_event_and_a_later_import_starts_from_its_own() {
        BackfillDetector detector = new BackfillDetector(100);
        assertThat(detector.reached()).isNull();
        detector.oldEventProcessed(T, Instant.parse("1997-03-01T00:00:00Z"));
        detector.oldEventProcessed(T.plusSeconds(1), Instant.parse("1998-06-30T00:00:00Z"));
        detector.oldEventProcessed(T.plusSeconds(2), Instant.parse("1997-12-24T00:00:00Z"));
        assertThat(detector.reached()).isEqualTo(Instant.parse("1998-06-30T00:00:00Z"));

        // three minutes without old events: the next one belongs to another import, of older history
        detector.oldEventProcessed(T.plusSeconds(182), Instant.parse("1995-01-01T00:00:00Z"));
        assertThat(detector.reached()).isEqualTo(Instant.parse("1995-01-01T00:00:00Z"));
    }
}
