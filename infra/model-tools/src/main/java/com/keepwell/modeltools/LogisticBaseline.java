package com.keepwell.modeltools;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

import com.keepwell.scoring.features.FeatureSchema;

/**
 * The published CDNOW logistic baseline, refitted in the same run so the comparison shares folds and customers:
 * logistic regression on recency (age at the last purchase), log(1 + repeat purchase days), log(1 + mean order
 * value) and tenure, all read from the platform's own feature vector. Fitted by Newton–Raphson on standardised
 * inputs with a negligible ridge (1e-6) for numerical safety. Written here rather than taken from a library because
 * it is five parameters and Commons Math, already on the classpath, supplies the linear algebra; a general
 * machine-learning library for one textbook fit would be the larger dependency.
 */
final class LogisticBaseline {

    static final int INPUTS = 4;
    private static final double RIDGE = 1e-6;
    private static final int MAX_ITERATIONS = 50;

    private final double[] mean;
    private final double[] scale;
    private final double[] weights;

    private LogisticBaseline(double[] mean, double[] scale, double[] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /** The baseline's four inputs from one feature vector of the platform's schema. */
    static double[] inputs(float[] f, FeatureSchema schema) {
        double tenure = value(f, schema, "days_since_first_order");
        double sinceLast = value(f, schema, "days_since_last_order");
        double repeatDays = Math.max(0, value(f, schema, "order_days_lifetime") - 1);
        double meanSpend = Math.max(0, value(f, schema, "avg_order_value_lifetime"));
        return new double[] {tenure - sinceLast, Math.log1p(repeatDays), Math.log1p(meanSpend), tenure};
    }

    static LogisticBaseline fit(double[][] x, int[] y) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            scale[j] = variance > 0 ? Math.sqrt(variance) : 1;
        }
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardised(x[i], mean, scale);
        }
        RealVector w = new ArrayRealVector(d + 1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            RealVector gradient = w.mapMultiply(-RIDGE);
            RealMatrix hessian = new Array2DRowRealMatrix(d + 1, d + 1);
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, z[i]));
                double weight = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a <= d; a++) {
                    gradient.addToEntry(a, (y[i] - p) * z[i][a]);
                    for (int b = a; b <= d; b++) {
                        hessian.addToEntry(a, b, weight * z[i][a] * z[i][b]);
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                hessian.addToEntry(a, a, RIDGE);
                for (int b = 0; b < a; b++) {
                    hessian.setEntry(a, b, hessian.getEntry(b, a));
                }
            }
            RealVector step = new CholeskyDecomposition(hessian).getSolver().solve(gradient);
            w = w.add(step);
            if (step.getLInfNorm() < 1e-10) {
                break;
            }
        }
        return new LogisticBaseline(mean, scale, w.toArray());
    }

    double predict(double[] x) {
        double[] z = standardised(x, mean, scale);
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            s += weights[j] * z[j];
        }
        return sigmoid(s);
    }

    /** The inputs centred and scaled, with a leading 1 for the intercept. */
    private static double[] standardised(double[] x, double[] mean, double[] scale) {
        double[] z = new double[x.length + 1];
        z[0] = 1;
        for (int j = 0; j < x.length; j++) {
            z[j + 1] = (x[j] - mean[j]) / scale[j];
        }
        return z;
    }

    private static double dot(RealVector w, double[] z) {
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            s += w.getEntry(j) * z[j];
        }
        return s;
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static double value(float[] f, FeatureSchema schema, String name) {
        float v = f[schema.indexOf(name)];
        return Float.isNaN(v) ? 0 : v;
    }
}
