package com.keepwell.scoring.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;

/**
 * Whether a fresh score is worth a {@code RiskAssessedEvent}. The sweep re-scores every open account once a day,
 * and most of those scores repeat the last one: a customer long gone stays at 0.99 with the same reasons. Recording
 * each would grow the event store, the risk history and {@code customer.risk} by one assessment per customer and
 * day, for nothing anyone acts on. So a score is recorded when something a reader of it could act on changed (the
 * model, the band, the reason codes in their order, the score by at least {@code minScoreChange}), and otherwise
 * at least every {@code confirmAfter}, so the recorded figures ("no visit for 74 days") never lag by more. The first
 * score of the present after one recorded from replayed history is always recorded: it is the first that retention
 * may act on. A policy of 0 and 0s records every score. {@code keepwell-model recording-eval} counts what a policy
 * records in a simulated shop.
 */
public record AssessmentRecording(double minScoreChange, Duration confirmAfter) {

    /**
     * What was last recorded for a customer; {@code recordedAt} null when nothing was; {@code historical} when it
     * described replayed history.
     */
    public record Last(Instant recordedAt, Double score, RiskBand band, String model, String reasonCodes,
            boolean historical) {

        public Last(Instant recordedAt, Double score, RiskBand band, String model, String reasonCodes) {
            this(recordedAt, score, band, model, reasonCodes, false);
        }
    }

    public AssessmentRecording {
        if (minScoreChange < 0 || minScoreChange > 1) {
            throw new IllegalArgumentException("min-score-change must lie in 0..1, got " + minScoreChange);
        }
        Objects.requireNonNull(confirmAfter, "confirm-after");
    }

    static AssessmentRecording of(ScoringSettings.Recording settings) {
        return new AssessmentRecording(settings.minScoreChange(), settings.confirmAfter());
    }

    /** Whether a score of the customer's present is worth recording. */
    public boolean worthRecording(Last last, double score, RiskBand band, String model, List<RiskReason> reasons,
            Instant now) {
        return worthRecording(last, score, band, model, reasons, now, false);
    }

    /** Whether a score is worth recording; {@code historical} when it describes replayed history. */
    public boolean worthRecording(Last last, double score, RiskBand band, String model, List<RiskReason> reasons,
            Instant now, boolean historical) {
        return last.recordedAt() == null
                || last.score() == null
                || (last.historical() && !historical)
                || !now.isBefore(last.recordedAt().plus(confirmAfter))
                || !model.equals(last.model())
                || band != last.band()
                || !reasonCodes(reasons).equals(last.reasonCodes())
                || Math.abs(score - last.score()) >= minScoreChange;
    }

    /** The reasons' codes in order, as stored with the last recorded score. */
    public static String reasonCodes(List<RiskReason> reasons) {
        return String.join(",", reasons.stream().map(RiskReason::code).toList());
    }
}
