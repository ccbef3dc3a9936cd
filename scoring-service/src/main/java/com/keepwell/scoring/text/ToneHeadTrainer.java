package com.keepwell.scoring.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.keepwell.scoring.inference.OrtSessions;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains the tone heads: an L2-regularised logistic regression (XGBoost's linear booster) per embedding model on
 * the hand-labelled sentences in {@code text/tone-examples.tsv}, written to {@code text/tone-heads.json}.
 * Rebuild: {@code infra/scoring/keepwell-model tone-heads}.
 */
public final class ToneHeadTrainer {

    record Example(boolean negative, boolean chinese, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0]
                : "scoring-service/src/main/resources/" + TextToneSignals.HEADS_RESOURCE);
        List<Example> examples = examples();
        Map<String, ToneHead> heads = new LinkedHashMap<>();
        for (SentenceEmbedder.Model model : SentenceEmbedder.Model.values()) {
            boolean zh = model == SentenceEmbedder.Model.BGE_SMALL_ZH_V15;
            List<Example> own = examples.stream().filter(e -> e.chinese() == zh).toList();
            try (SentenceEmbedder embedder = new SentenceEmbedder(model, OrtSessions.Settings.cpu(2))) {
                float[][] x = embedder.embed(own.stream().map(Example::text).toList());
                ToneHead head = train(model.name(), x, own.stream().map(Example::negative).toList());
                long correct = 0;
                for (int i = 0; i < x.length; i++) {
                    correct += (head.negativeProbability(x[i]) >= 0.5) == own.get(i).negative() ? 1 : 0;
                }
                System.out.printf("%s: %d examples, training accuracy %.3f%n", model, own.size(),
                        (double) correct / own.size());
                heads.put(model.name(), head);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), heads);
        System.out.println("wrote " + out);
    }

    static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ToneHeadTrainer.class.getClassLoader().getResourceAsStream("text/tone-examples.tsv"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                examples.add(new Example("1".equals(parts[0]), "zh".equals(parts[1]), parts[2]));
            }
        }
        return examples;
    }

    static ToneHead train(String model, float[][] x, List<Boolean> negative) throws XGBoostError, IOException {
        int rows = x.length;
        int dims = x[0].length;
        float[] flat = new float[rows * dims];
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x[i], 0, flat, i * dims, dims);
            labels[i] = negative.get(i) ? 1 : 0;
        }
        DMatrix data = new DMatrix(flat, rows, dims, Float.NaN);
        data.setLabel(labels);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("booster", "gblinear");
        params.put("objective", "binary:logistic");
        params.put("lambda", 0.01);
        params.put("alpha", 0.0);
        params.put("updater", "coord_descent");
        params.put("eta", 0.5);
        params.put("base_score", 0.5);
        params.put("nthread", 1);
        params.put("seed", 7);
        Booster booster = XGBoost.train(data, params, 400, Map.of(), null, null);
        JsonNode json = new ObjectMapper().readTree(booster.toByteArray("json"));
        JsonNode weights = json.at("/learner/gradient_booster/model/weights");
        float[] w = new float[dims];
        for (int i = 0; i < dims; i++) {
            w[i] = (float) weights.get(i).asDouble();
        }
        float bias = (float) weights.get(dims).asDouble();
        data.dispose();
        booster.dispose();
        return new ToneHead(model, w, bias);
    }
}
