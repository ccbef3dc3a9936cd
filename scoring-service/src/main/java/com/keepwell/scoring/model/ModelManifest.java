package com.keepwell.scoring.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything that travels with a churn model besides its trees: what it was trained on, the feature schema it
 * expects, its calibration and operating threshold, and how it did on the held-out (latest) period, overall and
 * per segment. The model card is drawn from this.
 */
public record ModelManifest(
        String version,
        Instant createdAt,
        String source,
        String featureSchemaVersion,
        List<String> featureNames,
        int horizonDays,
        Calibration calibration,
        double threshold,
        Map<String, Object> hyperparameters,
        int trees,
        List<Period> periods,
        Metrics.Summary test,
        Map<String, List<SegmentMetrics>> segments,
        List<Importance> importance,
        ParityCheck.Result parity) {

    /** One part of the time-based split. */
    public record Period(String name, int rows, double churnRate, Instant firstSnapshot, Instant lastSnapshot) {
    }

    public record SegmentMetrics(String segment, int rows, double churnRate, double rocAuc, double logLoss,
            double brier, double meanPredicted, double recall) {
    }

    /** Mean absolute contribution of a feature to the margin on the test period. */
    public record Importance(String feature, double meanAbsContribution) {
    }
}
