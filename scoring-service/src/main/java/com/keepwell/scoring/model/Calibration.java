package com.keepwell.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Maps the model's raw probability to the churn rate actually observed, fitted on a later period than the trees
 * were trained on. Two methods: isotonic (pool-adjacent-violators, applied by linear interpolation between the
 * fitted points, flat beyond them) and Platt (a logistic curve on the raw log-odds: two parameters, strictly
 * increasing, so it keeps every ranking and suits small calibration sets). {@link #fit} picks the one with the
 * lower out-of-fold log loss on the calibration data. Both are monotone, so reason codes keep their direction.
 * Written by hand: each method is twenty lines and no Java ML library here has them.
 */
public record Calibration(String method, double[] raw, double[] calibrated, double slope, double intercept) {

    public static final String ISOTONIC = "isotonic";
    public static final String PLATT = "platt";

    public Calibration {
        if (raw.length != calibrated.length || raw.length == 0) {
            throw new IllegalArgumentException("calibration needs matching, non-empty point lists");
        }
    }

    public static Calibration identity() {
        return new Calibration(PLATT, new double[] {0, 1}, new double[] {0, 1}, 1, 0);
    }

    /** The method with the lower 2-fold out-of-fold log loss on these scores, refitted on all of them. */
    public static Calibration fit(float[] scores, int[] labels) {
        int n = scores.length;
        double isotonicLoss = 0;
        double plattLoss = 0;
        for (int fold = 0; fold < 2; fold++) {
            int k = fold;
            int[] fitIdx = java.util.stream.IntStream.range(0, n).filter(i -> i % 2 != k).toArray();
            int[] evalIdx = java.util.stream.IntStream.range(0, n).filter(i -> i % 2 == k).toArray();
            float[] fs = pick(scores, fitIdx);
            int[] fl = pick(labels, fitIdx);
            float[] es = pick(scores, evalIdx);
            int[] el = pick(labels, evalIdx);
            isotonicLoss += Metrics.logLoss(fitIsotonic(fs, fl).apply(es), el);
            plattLoss += Metrics.logLoss(fitPlatt(fs, fl).apply(es), el);
        }
        return isotonicLoss < plattLoss ? fitIsotonic(scores, labels) : fitPlatt(scores, labels);
    }

    private static float[] pick(float[] a, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    private static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /** Logistic regression of the label on the raw log-odds, by Newton's method. */
    public static Calibration fitPlatt(float[] scores, int[] labels) {
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 50; iter++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < scores.length; i++) {
                double x = logit(scores[i]);
                double p = 1 / (1 + Math.exp(-(a * x + b)));
                double r = p - labels[i];
                double w = Math.max(p * (1 - p), 1e-12);
                ga += r * x;
                gb += r;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            haa += 1e-9;
            hbb += 1e-9;
            double det = haa * hbb - hab * hab;
            if (det <= 0) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration(PLATT, new double[] {0, 1}, new double[] {0, 1}, a, b);
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-7, Math.max(1e-7, p));
        return Math.log(q / (1 - q));
    }

    public static Calibration fitIsotonic(float[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // blocks of (mean score, mean label, weight), merged while a block's label mean drops below its predecessor's
        List<double[]> blocks = new ArrayList<>();
        for (int i : order) {
            blocks.add(new double[] {scores[i], labels[i], 1});
            while (blocks.size() > 1 && blocks.get(blocks.size() - 2)[1] >= blocks.get(blocks.size() - 1)[1]) {
                double[] b = blocks.remove(blocks.size() - 1);
                double[] a = blocks.get(blocks.size() - 1);
                double w = a[2] + b[2];
                a[0] = (a[0] * a[2] + b[0] * b[2]) / w;
                a[1] = (a[1] * a[2] + b[1] * b[2]) / w;
                a[2] = w;
            }
        }
        double[] raw = new double[blocks.size()];
        double[] calibrated = new double[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            raw[i] = blocks.get(i)[0];
            // keep probabilities off exactly 0 and 1: log loss stays finite and no customer is "certain"
            calibrated[i] = Math.min(1 - 1e-4, Math.max(1e-4, blocks.get(i)[1]));
        }
        return new Calibration(ISOTONIC, raw, calibrated, 1, 0);
    }

    public double apply(double p) {
        if (PLATT.equals(method)) {
            return 1 / (1 + Math.exp(-(slope * logit(p) + intercept)));
        }
        if (p <= raw[0]) {
            return calibrated[0];
        }
        int last = raw.length - 1;
        if (p >= raw[last]) {
            return calibrated[last];
        }
        int hi = Arrays.binarySearch(raw, p);
        if (hi >= 0) {
            return calibrated[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double w = (p - raw[lo]) / (raw[hi] - raw[lo]);
        return calibrated[lo] + w * (calibrated[hi] - calibrated[lo]);
    }

    public float[] apply(float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) apply(p[i]);
        }
        return out;
    }
}
