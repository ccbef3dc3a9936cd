package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The time a customer is scored as of, while old events are being imported and otherwise. */
class ImportTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration LAG = Duration.ofHours(6);
    private static final Instant IMPORT_REACHED = Instant.parse("1998-03-01T00:00:00Z");

    @Test
    void with_no_import_running_everyone_is_scored_as_of_now() {
        assertThat(RiskScorer.asOf(Instant.parse("1997-05-01T00:00:00Z"), NOW, false, IMPORT_REACHED, LAG))
                .isEqualTo(new RiskScorer.AsOf(NOW, false));
    }

    @Test
    void a_customer_being_imported_is_scored_as_of_the_time_the_import_reached_and_marked_historical() {
        assertThat(RiskScorer.asOf(Instant.parse("1997-05-01T00:00:00Z"), NOW, true, IMPORT_REACHED, LAG))
                .isEqualTo(new RiskScorer.AsOf(IMPORT_REACHED, true));
    }

    @Test
    void a_customer_with_recent_events_is_scored_as_of_now_during_an_import() {
        assertThat(RiskScorer.asOf(NOW.minus(Duration.ofMinutes(5)), NOW, true, IMPORT_REACHED, LAG))
                .isEqualTo(new RiskScorer.AsOf(NOW, false));
    }

    @Test
    void an_import_that_has_caught_up_with_the_present_is_not_history() {
        Instant caughtUp = NOW.minus(Duration.ofHours(1));
        assertThat(RiskScorer.asOf(NOW.minus(Duration.ofDays(40)), NOW, true, caughtUp, LAG))
                .isEqualTo(new RiskScorer.AsOf(caughtUp, false));
    }

    @Test
    void without_an_import_time_known_yet_the_score_is_as_of_now() {
        assertThat(RiskScorer.asOf(Instant.parse("1997-05-01T00:00:00Z"), NOW, true, null, LAG))
                .isEqualTo(new RiskScorer.AsOf(NOW, false));
    }
}
