package com.keepwell.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Binary-classification metrics of churn probabilities against what happened (1 = churned). */
public final class Metrics {

    public record CalibrationBin(double meanPredicted, double observedRate, int count) {
    }

    public record Summary(int rows, double baseRate, double rocAuc, double prAuc, double logLoss, double brier,
            double threshold, double precision, double recall, double f1, List<CalibrationBin> calibration,
            double[] liftByDecile) {
    }

    private Metrics() {
    }

    public static Summary summarize(float[] p, int[] y, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean predicted = p[i] >= threshold;
            if (predicted && y[i] == 1) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (y[i] == 1) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Summary(p.length, baseRate(y), rocAuc(p, y), averagePrecision(p, y), logLoss(p, y), brier(p, y),
                threshold, precision, recall, f1, calibrationCurve(p, y, 10), liftByDecile(p, y));
    }

    /** The threshold with the best F1 (used as the operating point, chosen on the validation period). */
    public static double bestF1Threshold(float[] p, int[] y) {
        Integer[] order = byScoreDescending(p);
        int positives = Arrays.stream(y).sum();
        int tp = 0;
        double best = -1;
        double threshold = 0.5;
        for (int k = 0; k < order.length; k++) {
            tp += y[order[k]];
            if (k + 1 < order.length && p[order[k + 1]] == p[order[k]]) {
                continue;
            }
            double precision = (double) tp / (k + 1);
            double recall = positives == 0 ? 0 : (double) tp / positives;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > best) {
                best = f1;
                threshold = p[order[k]];
            }
        }
        return threshold;
    }

    public static double baseRate(int[] y) {
        return y.length == 0 ? Double.NaN : (double) Arrays.stream(y).sum() / y.length;
    }

    /** Mann-Whitney form, ties counted half. */
    public static double rocAuc(float[] p, int[] y) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = p.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: the area under the precision-recall curve, step-wise. */
    public static double averagePrecision(float[] p, int[] y) {
        Integer[] order = byScoreDescending(p);
        int positives = Arrays.stream(y).sum();
        if (positives == 0) {
            return Double.NaN;
        }
        int tp = 0;
        double ap = 0;
        double lastRecall = 0;
        for (int k = 0; k < order.length; k++) {
            tp += y[order[k]];
            if (k + 1 < order.length && p[order[k + 1]] == p[order[k]]) {
                continue;
            }
            double recall = (double) tp / positives;
            ap += (recall - lastRecall) * ((double) tp / (k + 1));
            lastRecall = recall;
        }
        return ap;
    }

    public static double logLoss(float[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return sum / p.length;
    }

    public static double brier(float[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return sum / p.length;
    }

    public static List<CalibrationBin> calibrationCurve(float[] p, int[] y, int bins) {
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            sumP[b] += p[i];
            sumY[b] += y[i];
            count[b]++;
        }
        List<CalibrationBin> curve = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                curve.add(new CalibrationBin(sumP[b] / count[b], sumY[b] / count[b], count[b]));
            }
        }
        return curve;
    }

    /** Churn rate of each score decile (highest scores first) divided by the overall rate. */
    public static double[] liftByDecile(float[] p, int[] y) {
        Integer[] order = byScoreDescending(p);
        double base = baseRate(y);
        double[] lift = new double[10];
        for (int d = 0; d < 10; d++) {
            int from = d * order.length / 10;
            int to = (d + 1) * order.length / 10;
            int churned = 0;
            for (int k = from; k < to; k++) {
                churned += y[order[k]];
            }
            lift[d] = to == from || base == 0 ? Double.NaN : ((double) churned / (to - from)) / base;
        }
        return lift;
    }

    private static Integer[] byScoreDescending(float[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -p[i]));
        return order;
    }
}
