package com.keepwell.benchmarks;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;

import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ChurnModelSession;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.TreeEnsemble;
import com.keepwell.scoring.model.XgbRows;
import com.keepwell.scoring.text.SentenceEmbedder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Inference throughput on this machine: the churn model in ONNX Runtime at batch 1, 64 and 1024 (baseline in the
 * same run: XGBoost4J predicting the same rows with the same trees), the reason-code tree walk, and sentence
 * embeddings (all-MiniLM-L6-v2 fp32) at batch 1, 16 and 64. Each configuration is warmed up, then run for a fixed
 * time; throughput = rows (or sentences) done / seconds. Writes its section of docs/BENCHMARKS.md and
 * docs/results/inference-benchmark.json.
 */
@Command(name = "inference-benchmark", mixinStandardHelpOptions = true)
public final class InferenceBenchmark implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "churn-default-v1", description = "bundled model version") String model;
    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per configuration") double seconds;
    @Option(names = "--warmup-seconds", defaultValue = "2") double warmup;
    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime intra-op threads") int threads;
    @Option(names = "--cuda", description = "try the CUDA execution provider (needs the -Pgpu build and a GPU)")
    boolean cuda;
    @Option(names = "--docs", defaultValue = "docs") Path docs;
    @Option(names = "--command", defaultValue = "infra/benchmarks/inference-benchmark") String command;

    record Measured(String what, String provider, int batch, double perSecond, double baselinePerSecond) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new InferenceBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = ModelBundle.fromClasspath(model);
        TreeEnsemble ensemble = bundle.ensemble();
        int features = bundle.manifest().featureNames().size();
        float[][] rows = ensemble.probeRows(4096, 3);
        OrtSessions.Settings settings = new OrtSessions.Settings(cuda, 0, threads, 1);
        List<Measured> results = new ArrayList<>();
        Booster booster = XGBoost.loadModel(bundle.trees());
        booster.setParam("nthread", String.valueOf(threads));
        try (ChurnModelSession session = new ChurnModelSession(model, bundle.onnx(), features, settings)) {
            String provider = session.provider().name();
            for (int batch : new int[] {1, 64, 1024}) {
                float[][][] batches = batches(rows, batch);
                double ort = measure("churn model, ONNX Runtime, batch " + batch, batch,
                        i -> session.predict(batches[i % batches.length]));
                double xgb = measure("churn model, XGBoost4J, batch " + batch, batch, i -> {
                    try {
                        XgbRows.predict(booster, batches[i % batches.length]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                results.add(new Measured("churn model (rows/s)", provider, batch, ort, xgb));
            }
            double reasons = measure("reason codes (tree walk)", 1, i -> ensemble.contributions(rows[i % rows.length]));
            results.add(new Measured("reason codes, tree-path contributions (rows/s, one thread)", "Java", 1, reasons, 0));
        }
        booster.dispose();

        List<String> texts = texts();
        try (SentenceEmbedder embedder = new SentenceEmbedder(SentenceEmbedder.Model.ALL_MINILM_L6_V2, settings)) {
            String provider = embedder.provider().name();
            double single = 0;
            for (int batch : new int[] {1, 16, 64}) {
                List<List<String>> batches = new ArrayList<>();
                for (int i = 0; i + batch <= texts.size(); i += batch) {
                    batches.add(texts.subList(i, i + batch));
                }
                double perSecond = measure("MiniLM, batch " + batch, batch, i -> embedder.embed(batches.get(i % batches.size())));
                if (batch == 1) {
                    single = perSecond;
                }
                results.add(new Measured("all-MiniLM-L6-v2 fp32 (sentences/s)", provider, batch, perSecond, single));
            }
        }
        write(results, texts);
        return 0;
    }

    private double measure(String name, int perCall, IntConsumer call) {
        long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
        int i = 0;
        while (System.nanoTime() < warmupEnd) {
            call.accept(i++);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long calls = 0;
        while (System.nanoTime() < end) {
            call.accept(i++);
            calls++;
        }
        double perSecond = calls * perCall / ((System.nanoTime() - start) / 1e9);
        System.out.printf("  %-45s %,12.0f /s%n", name, perSecond);
        return perSecond;
    }

    private static float[][][] batches(float[][] rows, int batch) {
        int count = Math.max(1, rows.length / batch);
        float[][][] out = new float[count][][];
        for (int b = 0; b < count; b++) {
            out[b] = java.util.Arrays.copyOfRange(rows, b * batch, b * batch + batch);
        }
        return out;
    }

    /** Review sentences of realistic, varied length (2 to 14 words), drawn at random. */
    private static List<String> texts() {
        String[] openings = {"Absolutely love it.", "Very disappointed.", "It's okay.", "Great value for the money.",
                "The package arrived two weeks late and the box was crushed.", "Works exactly as described."};
        String[] middles = {"The quality is excellent and it fits perfectly.", "It broke after two days of normal use.",
                "Customer service never answered my emails, even after three reminders.",
                "Delivery took a few days longer than expected, but the packaging was fine.",
                "Smaller than it looked in the pictures, and the colour is slightly different."};
        String[] closings = {"Will definitely order again.", "I want a refund.", "Three stars.",
                "Would consider other options next time, unless it is on sale again.", "Highly recommended."};
        SplittableRandom random = new SplittableRandom(5);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            String[] pool = switch (random.nextInt(3)) {
                case 0 -> openings;
                case 1 -> middles;
                default -> closings;
            };
            texts.add(pool[random.nextInt(pool.length)]);
        }
        return texts;
    }

    private void write(List<Measured> results, List<String> texts) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder s = new StringBuilder("<!-- inference-benchmark:begin -->\n## Inference: churn model and text embeddings\n\n");
        s.append("Command: `").append(command).append("`  \nMachine: ").append(Report.machine(cores)).append("  \n")
                .append("Date: ").append(LocalDate.now()).append("; ONNX Runtime ").append(threads)
                .append(" intra-op threads, no spinning; ").append(warmup).append(" s warm-up, ").append(seconds)
                .append(" s measured per configuration.\n\n")
                .append("| what | provider | batch | throughput | baseline in the same run |\n| --- | --- | ---: | ---: | --- |\n");
        for (Measured m : results) {
            String baseline = m.baselinePerSecond() <= 0 ? "–"
                    : m.what().startsWith("churn") ? String.format("XGBoost4J %,.0f (ONNX %.1f×)", m.baselinePerSecond(),
                            m.perSecond() / m.baselinePerSecond())
                    : m.batch() == 1 ? "–" : String.format("batch 1: %.1f×", m.perSecond() / m.baselinePerSecond());
            s.append(String.format("| %s | %s | %d | %,.0f | %s |%n", m.what(), m.provider(), m.batch(), m.perSecond(),
                    baseline));
        }
        s.append("\nGPU (CUDA execution provider, `-Pgpu` build): not measured — no device machine was lent to the task"
                        + " that produced this table. On a CUDA 12 machine, run `infra/benchmarks/inference-benchmark"
                        + " --cuda` (it builds with `-Pgpu`); the provider column then says CUDA.\n\n")
                .append("Churn-model rows are synthetic but exercise every tree path: each value lies on one"
                        + " of the model's own split thresholds or just below it, 10 % missing. Sentences: single review"
                        + " sentences of 2-14 words in random order (a review of three sentences costs about three)."
                        + " Numbers in `docs/results/inference-benchmark.json`.\n<!-- inference-benchmark:end -->\n");
        Report.writeSection(docs, "<!-- inference-benchmark:begin -->", "<!-- inference-benchmark:end -->", s.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("machine", Report.machine(cores));
        json.put("model", model);
        json.put("intraOpThreads", threads);
        json.put("results", results);
        json.put("command", command);
        Report.writeResults(docs, "inference-benchmark", json);
    }
}
