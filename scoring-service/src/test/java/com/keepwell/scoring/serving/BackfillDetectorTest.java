package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BackfillDetectorTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:05Z");

    @Test
    void a_stream_of_old_events_is_a_replay_until_it_stops_for_a_minute() {
        BackfillDetector detector = new BackfillDetector(100);
        for (int i = 0; i < 100; i++) {
            detector.oldEventProcessed(T.plusMillis(i * 100L));
        }
        assertThat(detector.active(T.plusSeconds(30))).isTrue();
        assertThat(detector.active(T.plusSeconds(100))).isTrue();
        assertThat(detector.active(T.plusSeconds(121))).isFalse();
    }

    @Test
    void a_few_late_events_from_a_quiet_shop_are_not_a_replay() {
        BackfillDetector detector = new BackfillDetector(100);
        for (int i = 0; i < 99; i++) {
            detector.oldEventProcessed(T.plusMillis(i));
        }
        assertThat(detector.active(T.plusSeconds(1))).isFalse();
    }
}
