package com.keepwell.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CalibrationAndMetricsTest {

    @Test
    void auc_counts_ties_half_and_ranks_perfectly_separated_scores_as_one() {
        assertThat(Metrics.rocAuc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1})).isEqualTo(0.75);
        assertThat(Metrics.rocAuc(new float[] {0.1f, 0.2f, 0.9f}, new int[] {0, 0, 1})).isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new float[] {0.5f, 0.5f}, new int[] {0, 1})).isEqualTo(0.5);
    }

    @Test
    void log_loss_brier_and_lift_match_hand_computed_values() {
        float[] p = {0.9f, 0.2f};
        int[] y = {1, 0};
        assertThat(Metrics.logLoss(p, y)).isCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, within(1e-6));
        assertThat(Metrics.brier(p, y)).isCloseTo((0.01 + 0.04) / 2, within(1e-6));
        float[] scores = new float[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i / 100f;
            labels[i] = i >= 90 ? 1 : 0;
        }
        double[] lift = Metrics.liftByDecile(scores, labels);
        assertThat(lift[0]).isCloseTo(10.0, within(1e-9));
        assertThat(lift[9]).isZero();
        assertThat(Metrics.averagePrecision(scores, labels)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void calibration_repairs_a_model_that_is_systematically_overconfident() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 20_000;
        float[] raw = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double truth = random.nextDouble();
            y[i] = random.nextDouble() < truth ? 1 : 0;
            raw[i] = (float) Math.pow(truth, 3); // a distorted but monotone score
        }
        Calibration calibration = Calibration.fit(raw, y);
        float[] calibrated = calibration.apply(raw);
        assertThat(Metrics.logLoss(calibrated, y)).isLessThan(Metrics.logLoss(raw, y) - 0.05);
        assertThat(Metrics.rocAuc(calibrated, y)).isCloseTo(Metrics.rocAuc(raw, y), within(0.005));
        for (Metrics.CalibrationBin bin : Metrics.calibrationCurve(calibrated, y, 10)) {
            assertThat(bin.observedRate()).isCloseTo(bin.meanPredicted(), within(0.05));
        }
        Calibration isotonic = Calibration.fitIsotonic(raw, y);
        for (int i = 1; i < 100; i++) {
            assertThat(isotonic.apply(i / 100.0)).isGreaterThanOrEqualTo(isotonic.apply((i - 1) / 100.0));
        }
    }
}
