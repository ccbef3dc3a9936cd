package com.keepwell.scoring.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Feature rows to and from XGBoost: a dense matrix with NaN as missing, and churn probabilities back. */
public final class XgbRows {

    private XgbRows() {
    }

    /** The caller disposes the matrix. */
    public static DMatrix matrix(float[][] rows) throws XGBoostError {
        int features = rows[0].length;
        float[] flat = new float[rows.length * features];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * features, features);
        }
        return new DMatrix(flat, rows.length, features, Float.NaN);
    }

    public static float[] predict(Booster booster, float[][] rows) throws XGBoostError {
        DMatrix matrix = matrix(rows);
        try {
            float[][] p = booster.predict(matrix);
            float[] out = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        } finally {
            matrix.dispose();
        }
    }
}
