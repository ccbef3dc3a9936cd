package com.keepwell.scoring.model;

import ai.onnxruntime.OrtException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import com.keepwell.scoring.inference.OrtSessions;

/**
 * The gate every export passes before it can be published: ONNX Runtime must give the same churn probability as
 * XGBoost on the check rows (real rows, plus copies with values knocked out so every default branch for missing
 * values is taken), within {@link #TOLERANCE}.
 */
public final class ParityCheck {

    public static final double TOLERANCE = 1e-5;

    public record Result(int rows, double maxAbsDifference, int worstRow) {
        public boolean passed() {
            return maxAbsDifference <= TOLERANCE;
        }
    }

    public static final class ParityFailedException extends IllegalStateException {
        public ParityFailedException(Result result) {
            super(String.format("ONNX export disagrees with XGBoost: max |Δp| = %.3g at row %d of %d (tolerance %.0e)",
                    result.maxAbsDifference(), result.worstRow(), result.rows(), TOLERANCE));
        }
    }

    private ParityCheck() {
    }

    /** Rows plus, for each, a copy with every third feature (rotating) set missing. */
    public static float[][] withMissingValues(float[][] rows) {
        float[][] out = new float[rows.length * 2][];
        for (int i = 0; i < rows.length; i++) {
            out[2 * i] = rows[i];
            float[] holed = rows[i].clone();
            for (int j = i % 3; j < holed.length; j += 3) {
                holed[j] = Float.NaN;
            }
            out[2 * i + 1] = holed;
        }
        return out;
    }

    public static Result compare(Booster booster, byte[] onnx, float[][] rows) throws XGBoostError, OrtException {
        int features = rows[0].length;
        float[] expected = XgbRows.predict(booster, rows);
        float[] actual;
        try (ChurnModelSession session = new ChurnModelSession("parity-check", onnx, features,
                OrtSessions.Settings.cpu(1))) {
            actual = session.predict(rows);
        }
        double worst = 0;
        int worstRow = -1;
        for (int i = 0; i < rows.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst || Double.isNaN(d)) {
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                worstRow = i;
            }
        }
        return new Result(rows.length, worst, worstRow);
    }

    public static Result require(Booster booster, byte[] onnx, float[][] rows) throws XGBoostError, OrtException {
        Result result = compare(booster, onnx, rows);
        if (!result.passed()) {
            throw new ParityFailedException(result);
        }
        return result;
    }
}
