package com.keepwell.scoring.training;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.Calibration;
import com.keepwell.scoring.model.ChurnModelSession;
import com.keepwell.scoring.model.Metrics;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.ModelManifest;
import com.keepwell.scoring.model.OnnxTreeExporter;
import com.keepwell.scoring.model.ParityCheck;
import com.keepwell.scoring.model.TreeEnsemble;
import com.keepwell.scoring.model.XgbRows;

/**
 * Trains a churn model on the earliest snapshots, stops boosting when the validation period's log loss stops
 * improving, exports to ONNX (refusing an export that fails the parity check), calibrates on the validation
 * period, picks the operating threshold there, and measures everything on the test period, which neither
 * training nor calibration saw.
 */
public final class ChurnModelTrainer {

    /** XGBoost settings; one thread, since OpenMP threads spinning on two cores slow everything else down. */
    public record Settings(int maxRounds, int earlyStoppingRounds, int maxDepth, double eta, double minChildWeight,
            double subsample, double colsampleByTree, double lambda, long seed) {

        public static Settings defaults() {
            return new Settings(1000, 50, 4, 0.05, 10, 0.8, 0.8, 1.0, 7);
        }

        /** Shallow, slow and regularised: for small data sets with few signals (CDNOW: 23k customers, orders only). */
        public static Settings smallData() {
            return new Settings(1500, 80, 2, 0.03, 20, 0.8, 0.8, 5.0, 7);
        }

        Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("objective", "binary:logistic");
            p.put("eval_metric", "logloss");
            p.put("tree_method", "hist");
            p.put("max_depth", maxDepth);
            p.put("eta", eta);
            p.put("min_child_weight", minChildWeight);
            p.put("subsample", subsample);
            p.put("colsample_bytree", colsampleByTree);
            p.put("lambda", lambda);
            p.put("nthread", 1);
            p.put("seed", seed);
            p.put("verbosity", 1);
            return p;
        }
    }

    private final FeatureSchema schema;
    private final Settings settings;
    private final PrintStream progress;

    public ChurnModelTrainer(FeatureSchema schema, Settings settings, PrintStream progress) {
        this.schema = schema;
        this.settings = settings;
        this.progress = progress;
    }

    /** The booster alone, for callers (cross-fitting) that calibrate and evaluate themselves. */
    public Booster fit(TrainingSet train, TrainingSet valid) throws Exception {
        DMatrix dtrain = matrix(train);
        DMatrix dvalid = matrix(valid);
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", dtrain);
        watches.put("valid", dvalid);
        float[][] history = new float[2][settings.maxRounds()];
        Booster booster = XGBoost.train(dtrain, settings.params(), settings.maxRounds(), watches, history, null, null,
                settings.earlyStoppingRounds());
        int best = Integer.parseInt(booster.getAttr("best_iteration"));
        progress.printf("  boosting: best round %d of %d, train log loss %.4f, validation log loss %.4f%n", best + 1,
                settings.maxRounds(), history[0][best], history[1][best]);
        booster.dispose();
        // retrain to exactly the best round (same seed, same trees), so XGBoost, ONNX and the reason codes all
        // see one model; xgboost4j has no way to cut a booster back to its best iteration
        Booster trimmed = XGBoost.train(dtrain, settings.params(), best + 1, Map.of(), null, null);
        dtrain.dispose();
        dvalid.dispose();
        return trimmed;
    }

    /** A booster with a fixed number of rounds on all of {@code train} (after the rounds were chosen elsewhere). */
    public Booster fit(TrainingSet train, int rounds) throws Exception {
        DMatrix dtrain = matrix(train);
        Booster booster = XGBoost.train(dtrain, settings.params(), rounds, Map.of(), null, null);
        dtrain.dispose();
        return booster;
    }

    public ModelBundle train(TrainingSet train, TrainingSet valid, TrainingSet test, String version, String source,
            int horizonDays) throws Exception {
        progress.printf("training %s: %d train rows (churn %.1f %%), %d validation, %d test%n", version, train.size(),
                100 * train.churnRate(), valid.size(), test.size());
        Booster booster = fit(train, valid);
        byte[] trees = booster.toByteArray("json");
        TreeEnsemble ensemble = TreeEnsemble.fromXgboostJson(trees);
        byte[] onnx = OnnxTreeExporter.export(ensemble, schema, version);
        ParityCheck.Result parity = ParityCheck.require(booster, onnx, ParityCheck.withMissingValues(
                sample(test.size() > 0 ? test : valid, 5_000)));
        progress.printf("  ONNX export: %d trees, %d bytes, parity max |Δp| = %.2g over %d rows%n", ensemble.size(),
                onnx.length, parity.maxAbsDifference(), parity.rows());
        booster.dispose();

        float[] validRaw;
        float[] testRaw;
        try (ChurnModelSession session = new ChurnModelSession(version, onnx, schema.size(), OrtSessions.Settings.cpu(1))) {
            validRaw = session.predict(valid.features());
            testRaw = session.predict(test.features());
        }
        Calibration calibration = Calibration.fit(validRaw, valid.labels());
        float[] validP = calibration.apply(validRaw);
        double threshold = Metrics.bestF1Threshold(validP, valid.labels());
        float[] testP = calibration.apply(testRaw);
        Metrics.Summary summary = Metrics.summarize(testP, test.labels(), threshold);
        progress.printf("  test period: ROC AUC %.3f, PR AUC %.3f, log loss %.3f, Brier %.3f (raw model: AUC %.3f, log loss %.3f)%n",
                summary.rocAuc(), summary.prAuc(), summary.logLoss(), summary.brier(),
                Metrics.rocAuc(testRaw, test.labels()), Metrics.logLoss(testRaw, test.labels()));

        ModelManifest manifest = new ModelManifest(version, Instant.now(), source, schema.version(), schema.names(),
                horizonDays, calibration, threshold, settings.params(), ensemble.size(),
                List.of(period("train", train), period("validation", valid), period("test", test)), summary,
                segments(test, testP, threshold), importance(ensemble, test), parity);
        return new ModelBundle(manifest, onnx, trees);
    }

    static DMatrix matrix(TrainingSet set) throws Exception {
        DMatrix m = XgbRows.matrix(set.features());
        int[] y = set.labels();
        float[] labels = new float[y.length];
        for (int k = 0; k < y.length; k++) {
            labels[k] = y[k];
        }
        m.setLabel(labels);
        return m;
    }

    private static float[][] sample(TrainingSet set, int max) {
        float[][] all = set.features();
        if (all.length <= max) {
            return all;
        }
        float[][] out = new float[max][];
        for (int i = 0; i < max; i++) {
            out[i] = all[(int) ((long) i * all.length / max)];
        }
        return out;
    }

    private static ModelManifest.Period period(String name, TrainingSet set) {
        List<Instant> snapshots = set.snapshots();
        return new ModelManifest.Period(name, set.size(), set.churnRate(),
                snapshots.isEmpty() ? null : snapshots.get(0), snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1));
    }

    static Map<String, List<ModelManifest.SegmentMetrics>> segments(TrainingSet test, float[] p, double threshold) {
        Map<String, List<ModelManifest.SegmentMetrics>> out = new LinkedHashMap<>();
        out.put("country", segment(test, p, threshold, r -> r.segment().country()));
        out.put("tenure band", segment(test, p, threshold, r -> r.segment().tenureBand()));
        out.put("customer tier", segment(test, p, threshold, r -> r.segment().tier()));
        return out;
    }

    private static List<ModelManifest.SegmentMetrics> segment(TrainingSet test, float[] p, double threshold,
            Function<TrainingSet.Row, String> key) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < test.size(); i++) {
            groups.computeIfAbsent(key.apply(test.rows().get(i)), k -> new ArrayList<>()).add(i);
        }
        List<ModelManifest.SegmentMetrics> metrics = new ArrayList<>();
        groups.forEach((name, idx) -> {
            float[] sp = new float[idx.size()];
            int[] sy = new int[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                sp[k] = p[idx.get(k)];
                sy[k] = test.rows().get(idx.get(k)).label();
            }
            Metrics.Summary s = Metrics.summarize(sp, sy, threshold);
            double mean = 0;
            for (float v : sp) {
                mean += v;
            }
            metrics.add(new ModelManifest.SegmentMetrics(name, idx.size(), s.baseRate(), s.rocAuc(), s.logLoss(),
                    s.brier(), mean / sp.length, s.recall()));
        });
        metrics.sort(Comparator.comparingInt(ModelManifest.SegmentMetrics::rows).reversed());
        return metrics;
    }

    private List<ModelManifest.Importance> importance(TreeEnsemble ensemble, TrainingSet test) {
        float[][] rows = sample(test, 5_000);
        double[] sum = new double[schema.size()];
        for (float[] row : rows) {
            double[] phi = ensemble.contributions(row);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += Math.abs(phi[j]);
            }
        }
        Map<String, Double> byName = new HashMap<>();
        for (int j = 0; j < sum.length; j++) {
            byName.put(schema.names().get(j), sum[j] / Math.max(1, rows.length));
        }
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> new ModelManifest.Importance(e.getKey(), e.getValue()))
                .toList();
    }
}
