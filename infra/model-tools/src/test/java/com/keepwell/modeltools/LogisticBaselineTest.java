package com.keepwell.modeltools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LogisticBaselineTest {

    @Test
    void recovers_the_probabilities_of_a_known_logistic_model() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 20_000;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            // inputs on very different scales, as days and log counts are
            x[i] = new double[] {random.nextDouble() * 300, random.nextDouble() * 3};
            y[i] = random.nextDouble() < truth(x[i]) ? 1 : 0;
        }
        LogisticBaseline model = LogisticBaseline.fit(x, y);
        for (double[] probe : new double[][] {{0, 0}, {150, 1.5}, {290, 0.2}, {20, 2.8}}) {
            assertThat(model.predict(probe)).isCloseTo(truth(probe), within(0.03));
        }
    }

    private static double truth(double[] x) {
        return 1 / (1 + Math.exp(-(-1.0 + 0.01 * x[0] - 0.8 * x[1])));
    }

    @Test
    void paired_bootstrap_sees_no_difference_between_equal_models_and_a_clear_one_between_unequal() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 5_000;
        float[] good = new float[n];
        float[] noisy = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double p = random.nextDouble();
            y[i] = random.nextDouble() < p ? 1 : 0;
            good[i] = (float) p;
            noisy[i] = (float) Math.min(0.99, Math.max(0.01, p + 0.4 * (random.nextDouble() - 0.5)));
        }
        CdnowEvaluation.SameRun same = CdnowEvaluation.compare(good, good, y, 200, 1);
        assertThat(same.aucDifference()).isZero();
        assertThat(same.aucLow()).isZero();
        assertThat(same.aucHigh()).isZero();

        CdnowEvaluation.SameRun better = CdnowEvaluation.compare(good, noisy, y, 200, 1);
        assertThat(better.aucDifference()).isPositive();
        assertThat(better.aucLow()).isPositive().isLessThanOrEqualTo(better.aucDifference());
        assertThat(better.aucHigh()).isGreaterThanOrEqualTo(better.aucDifference());
        assertThat(better.logLossHigh()).isNegative();
    }

    @Test
    void weighted_auc_with_unit_weights_is_the_plain_auc_and_a_weight_of_two_is_a_duplicate() {
        float[] p = {0.1f, 0.4f, 0.4f, 0.35f, 0.8f, 0.7f, 0.2f};
        int[] y = {0, 1, 0, 1, 1, 0, 0};
        int[] order = java.util.stream.IntStream.range(0, p.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        assertThat(CdnowEvaluation.weightedAuc(p, order, y, new int[] {1, 1, 1, 1, 1, 1, 1}))
                .isCloseTo(com.keepwell.scoring.model.Metrics.rocAuc(p, y), within(1e-12));
        float[] duplicated = {0.1f, 0.4f, 0.4f, 0.35f, 0.8f, 0.7f, 0.2f, 0.4f};
        int[] duplicatedLabels = {0, 1, 0, 1, 1, 0, 0, 1};
        assertThat(CdnowEvaluation.weightedAuc(p, order, y, new int[] {1, 2, 1, 1, 1, 1, 1}))
                .isCloseTo(com.keepwell.scoring.model.Metrics.rocAuc(duplicated, duplicatedLabels), within(1e-12));
    }
}
