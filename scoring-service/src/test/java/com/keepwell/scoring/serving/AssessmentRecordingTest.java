package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;

class AssessmentRecordingTest {

    private static final Instant RECORDED = Instant.parse("2026-11-01T06:00:00Z");
    private static final Instant NEXT_DAY = RECORDED.plus(Duration.ofDays(1));
    private static final AssessmentRecording POLICY = new AssessmentRecording(0.01, Duration.ofDays(7));
    private static final List<RiskReason> REASONS = List.of(reason("NO_RECENT_VISIT"), reason("NO_RECENT_ORDER"));
    private static final AssessmentRecording.Last LAST = new AssessmentRecording.Last(RECORDED, 0.991,
            RiskBand.CRITICAL, "m-1", "NO_RECENT_VISIT,NO_RECENT_ORDER");

    private static RiskReason reason(String code) {
        return new RiskReason(code, "f", 1.0, 0.2, code.toLowerCase());
    }

    @Test
    void the_same_score_a_day_later_is_not_recorded() {
        assertThat(POLICY.worthRecording(LAST, 0.995, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY)).isFalse();
        assertThat(POLICY.worthRecording(LAST, 0.982, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY)).isFalse();
    }

    @Test
    void anything_a_reader_could_act_on_is_recorded() {
        assertThat(POLICY.worthRecording(LAST, 0.981, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY))
                .as("score moved by 0.01").isTrue();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.HIGH, "m-1", REASONS, NEXT_DAY))
                .as("band").isTrue();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-2", REASONS, NEXT_DAY))
                .as("model").isTrue();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", List.of(REASONS.get(1),
                REASONS.get(0)), NEXT_DAY)).as("reason order").isTrue();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS.subList(0, 1), NEXT_DAY))
                .as("reason codes").isTrue();
    }

    @Test
    void the_first_score_of_the_present_after_one_of_replayed_history_is_recorded() {
        var ofHistory = new AssessmentRecording.Last(RECORDED, 0.991, RiskBand.CRITICAL, "m-1",
                "NO_RECENT_VISIT,NO_RECENT_ORDER", true);
        assertThat(POLICY.worthRecording(ofHistory, 0.991, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY, false))
                .as("present after history").isTrue();
        assertThat(POLICY.worthRecording(ofHistory, 0.991, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY, true))
                .as("history after history, nothing changed").isFalse();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY, true))
                .as("history after present, nothing changed").isFalse();
    }

    @Test
    void an_unchanged_score_is_confirmed_once_confirm_after_has_passed() {
        Instant justBefore = RECORDED.plus(Duration.ofDays(7)).minusSeconds(1);
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS, justBefore)).isFalse();
        assertThat(POLICY.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS,
                RECORDED.plus(Duration.ofDays(7)))).isTrue();
    }

    @Test
    void a_customer_with_nothing_recorded_yet_is_always_recorded() {
        var none = new AssessmentRecording.Last(null, null, null, null, null);
        assertThat(POLICY.worthRecording(none, 0.5, RiskBand.LOW, "m-1", REASONS, NEXT_DAY)).isTrue();
        var scoredBeforeReasonsWereKept = new AssessmentRecording.Last(RECORDED, 0.991, RiskBand.CRITICAL, "m-1",
                null);
        assertThat(POLICY.worthRecording(scoredBeforeReasonsWereKept, 0.991, RiskBand.CRITICAL, "m-1", REASONS,
                NEXT_DAY)).isTrue();
    }

    @Test
    void zero_records_every_score_and_nonsense_is_refused() {
        var everything = new AssessmentRecording(0, Duration.ZERO);
        assertThat(everything.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS, RECORDED)).isTrue();
        var noChangeThreshold = new AssessmentRecording(0, Duration.ofDays(7));
        assertThat(noChangeThreshold.worthRecording(LAST, 0.991, RiskBand.CRITICAL, "m-1", REASONS, NEXT_DAY))
                .isTrue();
        assertThatThrownBy(() -> new AssessmentRecording(-0.1, Duration.ofDays(7)))
                .hasMessageContaining("min-score-change");
    }
}
