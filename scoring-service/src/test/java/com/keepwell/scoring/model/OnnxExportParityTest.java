package com.keepwell.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import ai.onnx.proto.OnnxMl;

import com.keepwell.scoring.features.FeatureSchema;

class OnnxExportParityTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("test-v1", List.of("a", "b", "c", "d"));
    private static Booster booster;
    private static byte[] json;
    private static float[][] rows;

    @BeforeAll
    static void train() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int n = 2_000;
        rows = new float[n][4];
        float[] flat = new float[n * 4];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                rows[i][j] = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextGaussian();
                flat[i * 4 + j] = rows[i][j];
            }
            double z = 0.8 * nan0(rows[i][0]) - 1.2 * nan0(rows[i][1]) * nan0(rows[i][2])
                    + (Float.isNaN(rows[i][3]) ? 1 : 0);
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        DMatrix data = new DMatrix(flat, n, 4, Float.NaN);
        data.setLabel(labels);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 4);
        params.put("eta", 0.2);
        params.put("nthread", 1);
        params.put("seed", 1);
        booster = XGBoost.train(data, params, 60, Map.of(), null, null);
        json = booster.toByteArray("json");
    }

    private static double nan0(float x) {
        return Float.isNaN(x) ? 0 : x;
    }

    @Test
    void the_onnx_export_matches_xgboost_including_missing_values() throws Exception {
        byte[] onnx = OnnxTreeExporter.export(TreeEnsemble.fromXgboostJson(json), SCHEMA, "t-1");
        ParityCheck.Result result = ParityCheck.require(booster, onnx, ParityCheck.withMissingValues(rows));
        assertThat(result.rows()).isEqualTo(4_000);
        assertThat(result.maxAbsDifference()).isLessThanOrEqualTo(ParityCheck.TOLERANCE);
    }

    @Test
    void a_corrupted_export_fails_the_parity_check() throws Exception {
        byte[] onnx = OnnxTreeExporter.export(TreeEnsemble.fromXgboostJson(json), SCHEMA, "t-1");
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(onnx);
        OnnxMl.NodeProto node = model.getGraph().getNode(0);
        int values = -1;
        for (int i = 0; i < node.getAttributeCount(); i++) {
            if (node.getAttribute(i).getName().equals("nodes_values")) {
                values = i;
            }
        }
        OnnxMl.AttributeProto.Builder thresholds = node.getAttribute(values).toBuilder();
        thresholds.setFloats(0, thresholds.getFloats(0) + 0.5f); // shift the first tree's root split
        byte[] corrupted = model.toBuilder().setGraph(model.getGraph().toBuilder()
                .setNode(0, node.toBuilder().setAttribute(values, thresholds))).build().toByteArray();

        assertThatThrownBy(() -> ParityCheck.require(booster, corrupted, ParityCheck.withMissingValues(rows)))
                .isInstanceOf(ParityCheck.ParityFailedException.class)
                .hasMessageContaining("disagrees with XGBoost");
    }

    @Test
    void contributions_add_up_to_the_margin_xgboost_computes() throws Exception {
        TreeEnsemble ensemble = TreeEnsemble.fromXgboostJson(json);
        float[] flat = new float[4 * 50];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(rows[i], 0, flat, i * 4, 4);
        }
        DMatrix matrix = new DMatrix(flat, 50, 4, Float.NaN);
        float[][] margins = booster.predict(matrix, true);
        for (int i = 0; i < 50; i++) {
            double[] phi = ensemble.contributions(rows[i]);
            double sum = 0;
            for (double p : phi) {
                sum += p;
            }
            assertThat(sum).isCloseTo(margins[i][0], within(1e-4));
            assertThat(ensemble.margin(rows[i])).isCloseTo(margins[i][0], within(1e-4));
        }
    }
}
