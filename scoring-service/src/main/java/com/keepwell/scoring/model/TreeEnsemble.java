package com.keepwell.scoring.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A binary-logistic gradient-boosted tree ensemble read from XGBoost's JSON model: the structure both the ONNX
 * exporter and the reason codes work from. Splits follow XGBoost exactly: {@code x < threshold} goes left, a
 * missing value (NaN) follows the node's default direction, comparisons in float32.
 */
public final class TreeEnsemble {

    /** One tree in XGBoost's array layout; {@code left[i] == -1} marks a leaf whose value is {@code value[i]}. */
    record Tree(int[] left, int[] right, int[] feature, float[] threshold, boolean[] defaultLeft, float[] value,
            double[] expected) {

        boolean isLeaf(int node) {
            return left[node] == -1;
        }

        int next(int node, float x) {
            if (Float.isNaN(x)) {
                return defaultLeft[node] ? left[node] : right[node];
            }
            return x < threshold[node] ? left[node] : right[node];
        }
    }

    private final List<Tree> trees;
    private final double baseMargin;
    private final int features;

    private TreeEnsemble(List<Tree> trees, double baseMargin, int features) {
        this.trees = List.copyOf(trees);
        this.baseMargin = baseMargin;
        this.features = features;
    }

    public static TreeEnsemble fromXgboostJson(byte[] json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            JsonNode learner = root.path("learner");
            String objective = learner.path("objective").path("name").asText();
            if (!"binary:logistic".equals(objective)) {
                throw new IllegalArgumentException("only binary:logistic models are supported, not " + objective);
            }
            JsonNode params = learner.path("learner_model_param");
            // XGBoost 3 stores base_score in probability space as a bracketed string, e.g. "[7.01E-1]"
            double baseScore = Double.parseDouble(params.path("base_score").asText().replace("[", "").replace("]", ""));
            int features = params.path("num_feature").asInt();
            List<Tree> trees = new ArrayList<>();
            for (JsonNode t : learner.path("gradient_booster").path("model").path("trees")) {
                trees.add(tree(t));
            }
            return new TreeEnsemble(trees, Math.log(baseScore / (1 - baseScore)), features);
        } catch (IOException e) {
            throw new UncheckedIOException("not an XGBoost JSON model", e);
        }
    }

    private static Tree tree(JsonNode t) {
        int n = t.path("left_children").size();
        int[] left = new int[n];
        int[] right = new int[n];
        int[] feature = new int[n];
        float[] threshold = new float[n];
        boolean[] defaultLeft = new boolean[n];
        float[] value = new float[n];
        double[] hessian = new double[n];
        for (int i = 0; i < n; i++) {
            left[i] = t.path("left_children").get(i).asInt();
            right[i] = t.path("right_children").get(i).asInt();
            feature[i] = t.path("split_indices").get(i).asInt();
            threshold[i] = (float) t.path("split_conditions").get(i).asDouble();
            JsonNode d = t.path("default_left").get(i);
            defaultLeft[i] = d.isBoolean() ? d.asBoolean() : d.asInt() != 0;
            value[i] = threshold[i];
            hessian[i] = t.path("sum_hessian").get(i).asDouble();
        }
        double[] expected = new double[n];
        fillExpected(0, left, right, value, hessian, expected);
        return new Tree(left, right, feature, threshold, defaultLeft, value, expected);
    }

    /** A node's expected output: its leaves' values weighted by the training hessian that reached them. */
    private static double fillExpected(int node, int[] left, int[] right, float[] value, double[] hessian,
            double[] expected) {
        if (left[node] == -1) {
            expected[node] = value[node];
        } else {
            double l = fillExpected(left[node], left, right, value, hessian, expected);
            double r = fillExpected(right[node], left, right, value, hessian, expected);
            double hl = hessian[left[node]];
            double hr = hessian[right[node]];
            expected[node] = hl + hr > 0 ? (hl * l + hr * r) / (hl + hr) : (l + r) / 2;
        }
        return expected[node];
    }

    List<Tree> trees() {
        return trees;
    }

    public double baseMargin() {
        return baseMargin;
    }

    public int features() {
        return features;
    }

    public int size() {
        return trees.size();
    }

    /** Every split in the ensemble, as (feature index, threshold). */
    public void forEachSplit(java.util.function.BiConsumer<Integer, Float> split) {
        for (Tree tree : trees) {
            for (int node = 0; node < tree.left().length; node++) {
                if (!tree.isLeaf(node)) {
                    split.accept(tree.feature()[node], tree.threshold()[node]);
                }
            }
        }
    }

    /**
     * Rows that exercise every path: each value sits on one side of one of the model's own split thresholds
     * (exactly on it or just below it), 10 % missing. For consistency checks and benchmarks without data.
     */
    public float[][] probeRows(int n, long seed) {
        List<List<Float>> thresholds = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            thresholds.add(new ArrayList<>());
        }
        forEachSplit((feature, threshold) -> thresholds.get(feature).add(threshold));
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[][] rows = new float[n][features];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                List<Float> t = thresholds.get(j);
                if (t.isEmpty() || random.nextDouble() < 0.1) {
                    rows[i][j] = t.isEmpty() ? (float) random.nextGaussian() : Float.NaN;
                } else {
                    float base = t.get(random.nextInt(t.size()));
                    rows[i][j] = random.nextBoolean() ? base : Math.nextDown(base);
                }
            }
        }
        return rows;
    }

    /** The log-odds the ensemble gives {@code x}. */
    public double margin(float[] x) {
        double margin = baseMargin;
        for (Tree tree : trees) {
            int node = 0;
            while (!tree.isLeaf(node)) {
                node = tree.next(node, x[tree.feature()[node]]);
            }
            margin += tree.value()[node];
        }
        return margin;
    }

    public double probability(float[] x) {
        return 1 / (1 + Math.exp(-margin(x)));
    }

    /**
     * Per-feature contributions to the margin of {@code x} (Saabas): walking each tree's path, the change in the
     * node's expected output at every split is credited to that split's feature. The contributions plus the
     * last element (the bias: base margin and the trees' root expectations) add up to {@link #margin} exactly, so
     * a reason's weight is what the served model actually did with that feature for this customer.
     */
    public double[] contributions(float[] x) {
        double[] phi = new double[features + 1];
        phi[features] = baseMargin;
        for (Tree tree : trees) {
            int node = 0;
            phi[features] += tree.expected()[0];
            while (!tree.isLeaf(node)) {
                int child = tree.next(node, x[tree.feature()[node]]);
                phi[tree.feature()[node]] += tree.expected()[child] - tree.expected()[node];
                node = child;
            }
        }
        return phi;
    }
}
