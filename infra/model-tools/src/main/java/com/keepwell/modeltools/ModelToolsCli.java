package com.keepwell.modeltools;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.serving.AssessmentRecording;
import com.keepwell.scoring.text.TextToneSignals;
import com.keepwell.scoring.text.ToneHeadTrainer;
import com.keepwell.scoring.training.ChurnModelTrainer;
import com.keepwell.scoring.training.EventStoreHistory;
import com.keepwell.scoring.training.TrainingSet;
import com.keepwell.scoring.training.TrainingSetBuilder;
import com.keepwell.simulator.SimulationSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infra/model-tools/keepwell-model}: train churn models, evaluate on CDNOW, rebuild the tone heads. */
@Command(name = "keepwell-model", mixinStandardHelpOptions = true,
        subcommands = {ModelToolsCli.Train.class, ModelToolsCli.Cdnow.class, ModelToolsCli.ToneHeads.class,
                ModelToolsCli.UpliftEval.class, ModelToolsCli.RecordingEval.class})
public final class ModelToolsCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelToolsCli()).execute(args));
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a churn model on simulated"
            + " storefront history (the default model) or on a platform's event store, and write a model bundle.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--customers", defaultValue = "4000") int customers;
        @Option(names = "--days", defaultValue = "540") int days;
        @Option(names = "--seed", defaultValue = "11") long seed;
        @Option(names = "--horizon-days", defaultValue = "30", description = "churn = no order in this many days") int horizonDays;
        @Option(names = "--snapshot-every-days", defaultValue = "30") int every;
        @Option(names = "--first-snapshot-day", defaultValue = "150") int firstSnapshotDay;
        @Option(names = "--jdbc-url", description = "train on this event store instead of simulated history")
        String jdbcUrl;
        @Option(names = "--jdbc-user", defaultValue = "postgres") String jdbcUser;
        @Option(names = "--jdbc-password", defaultValue = "postgres") String jdbcPassword;
        @Option(names = "--version", description = "model version (default: churn-<date>-<time>)") String version;
        @Option(names = "--out", defaultValue = "models") Path out;
        @Option(names = "--card-dir", description = "also copy the HTML model card and manifest here (e.g. docs/model-cards)")
        Path cardDir;

        @Override
        public Integer call() throws Exception {
            String v = version != null ? version
                    : "churn-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "").replace("-", "");
            Duration horizon = Duration.ofDays(horizonDays);
            try (TextToneSignals text = new TextToneSignals(OrtSessions.Settings.cpu(2))) {
                FeatureProjector projector = new FeatureProjector(text);
                TrainingSet all;
                String source;
                if (jdbcUrl != null) {
                    EventStoreHistory store = new EventStoreHistory(jdbcUrl, jdbcUser, jdbcPassword);
                    EventStoreHistory.Span span = store.span();
                    TrainingSetBuilder builder = new TrainingSetBuilder(projector,
                            snapshots(span.first(), span.last(), horizon), horizon, Duration.ofDays(1));
                    store.replay(builder::accept, System.out);
                    all = builder.build();
                    System.out.printf("  %,d customer events of %,d customers%n", builder.events(), builder.customers());
                    source = "event store " + jdbcUrl + " (" + span.first() + " … " + span.last() + ")";
                } else {
                    Instant start = Instant.parse("2024-01-01T00:00:00Z");
                    SimulationSettings settings = SimulationSettings.defaults(seed, customers, start, Duration.ofDays(days));
                    TrainingSetBuilder builder = new TrainingSetBuilder(projector,
                            snapshots(start, settings.end(), horizon), horizon, Duration.ofDays(1));
                    System.out.printf("simulating %d customers over %d days (seed %d)%n", customers, days, seed);
                    SimulatedHistory.replay(settings, builder::accept, System.out);
                    all = builder.build();
                    System.out.printf("  %,d customer events of %,d customers%n", builder.events(), builder.customers());
                    source = "simulated storefront, " + customers + " customers, " + days + " days, seed " + seed;
                }
                System.out.printf("training set: %,d rows over %d snapshots, churn rate %.3f%n", all.size(),
                        all.snapshots().size(), all.churnRate());
                List<TrainingSet> split = all.splitByTime(2, 2);
                ModelBundle bundle = new ChurnModelTrainer(FeatureSchema.V1, ChurnModelTrainer.Settings.defaults(),
                        System.out).train(split.get(0), split.get(1), split.get(2), v, source, horizonDays);
                Path dir = out.resolve(v);
                bundle.writeTo(dir);
                System.out.println("wrote " + dir + " (manifest.json, model.onnx, trees.json, card.html)");
                if (cardDir != null) {
                    java.nio.file.Files.createDirectories(cardDir);
                    java.nio.file.Files.copy(dir.resolve("card.html"), cardDir.resolve(v + ".html"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    java.nio.file.Files.copy(dir.resolve("manifest.json"), cardDir.resolve(v + ".json"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    System.out.println("model card: " + cardDir.resolve(v + ".html"));
                }
            }
            return 0;
        }

        private List<Instant> snapshots(Instant first, Instant last, Duration horizon) {
            List<Instant> times = new ArrayList<>();
            Instant t = first.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(firstSnapshotDay));
            while (!t.plus(horizon).isAfter(last)) {
                times.add(t);
                t = t.plus(Duration.ofDays(every));
            }
            return times;
        }
    }

    @Command(name = "cdnow-eval", mixinStandardHelpOptions = true, description = "Evaluate on the CDNOW benchmark"
            + " against the published baselines; writes docs/results/cdnow-eval.json.")
    static final class Cdnow implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "../shared/data/cdnow/cdnow_master.events.jsonl.gz") Path data;
        @Option(names = "--folds", defaultValue = "5") int folds;
        @Option(names = "--out", defaultValue = "docs/results/cdnow-eval.json") Path out;

        @Override
        public Integer call() throws Exception {
            CdnowEvaluation.Result result = CdnowEvaluation.run(data, folds, System.out);
            CdnowEvaluation.print(result, System.out);
            CdnowEvaluation.write(result, out, "infra/model-tools/keepwell-model cdnow-eval --data " + data);
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "uplift-eval", mixinStandardHelpOptions = true, description = "Judge retention targeting by the"
            + " simulator's ground truth: the policy vs random targeting vs an oracle, same budget, pooled over"
            + " several simulated shops (seeds); writes docs/results/uplift.json and uplift.html.")
    static final class UpliftEval implements Callable<Integer> {
        @Option(names = "--customers", defaultValue = "6000") int customers;
        @Option(names = "--days", defaultValue = "360") int days;
        @Option(names = "--seeds", defaultValue = "101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,"
                + "117,118,119,120,121,122,123,124", split = ",", description = "one simulated shop per seed; the"
                + " figures are pooled. The default 24 shops were not used for any choice of the policy's settings;"
                + " 23,7,11,1,2,3 are the six the settings were tried on") List<Long> seeds;
        @Option(names = "--band-cuts", defaultValue = "0.90,0.95,0.98", split = ",",
                description = "risk band cut-offs MEDIUM,HIGH,CRITICAL (the scoring service's keepwell.scoring.band.*)")
        List<Double> bandCuts;
        @Option(names = "--model", description = "a model directory (manifest.json, model.onnx, trees.json) to score"
                + " with instead of the shipped default, e.g. a candidate before it is promoted") Path model;
        @Option(names = "--parallel", description = "shops simulated at once (default: one per processor); the"
                + " figures do not depend on it") Integer parallel;
        @Option(names = "--learn-from", description = "what the policy learns as kept: follow-up (an order in the"
                + " follow-up after the window) or window (an order within it); default: the retention service's"
                + " keepwell.retention.learn-from default") String learnFrom;
        @Option(names = "--exploration-share", description = "of the cases no rule is worth offering to, the share"
                + " that draws a rule at random and offers it anyway; default: the retention service's"
                + " keepwell.retention.exploration-share default")
        Double explorationShare;
        @Option(names = "--out", defaultValue = "docs/results/uplift.json") Path out;

        @Override
        public Integer call() throws Exception {
            if (parallel == null) {
                parallel = Runtime.getRuntime().availableProcessors();
            }
            RetentionEvaluation.PolicySettings policy = new RetentionEvaluation.PolicySettings(
                    learnFrom == null ? RetentionEvaluation.DEFAULT_LEARN_FROM
                            : RetentionEvaluation.learningOutcome(learnFrom),
                    explorationShare == null ? RetentionEvaluation.DEFAULT_EXPLORATION_SHARE : explorationShare);
            System.out.println("the policy learns as kept: " + RetentionEvaluation.describe(policy.learnFrom())
                    + "; exploring cases: " + policy.explorationShare());
            ModelBundle bundle = model == null ? ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL)
                    : ModelBundle.readFrom(model);
            System.out.println("scoring with model " + bundle.version());
            List<RetentionEvaluation.Result> runs = RetentionEvaluation.runSeeds(customers, seeds, days, bandCuts,
                    bundle, policy, parallel, System.out);
            for (int i = 0; i < seeds.size(); i++) {
                System.out.printf("%nseed %d:", seeds.get(i));
                RetentionEvaluation.print(runs.get(i), System.out);
            }
            System.out.printf("%npooled over seeds %s:", seeds);
            RetentionEvaluation.print(RetentionEvaluation.pool(runs), System.out);
            double[] byShop = RetentionEvaluation.shopInterval(runs, 2000, 1);
            if (byShop != null) {
                System.out.printf("  policy / random 95 %% interval, shops resampled: %.2f .. %.2f%n", byShop[0],
                        byShop[1]);
            }
            String command = "infra/model-tools/keepwell-model uplift-eval --customers " + customers + " --days " + days
                    + " --seeds " + seeds.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + (bandCuts.equals(RetentionEvaluation.DEFAULT_BAND_CUTS) ? "" : " --band-cuts "
                            + bandCuts.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    + (model == null ? "" : " --model " + model)
                    + (learnFrom == null ? "" : " --learn-from " + learnFrom)
                    + (explorationShare == null ? "" : " --exploration-share " + explorationShare);
            RetentionEvaluation.write(seeds, runs, policy, out, command);
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "recording-eval", mixinStandardHelpOptions = true, description = "Count what the scoring"
            + " service's recording policies (keepwell.scoring.recording.*) would record of a daily re-score of every"
            + " customer with an order in a simulated shop.")
    static final class RecordingEval implements Callable<Integer> {
        @Option(names = "--customers", defaultValue = "2000") int customers;
        @Option(names = "--days", defaultValue = "360") int days;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--scored-days", defaultValue = "60", description = "score daily over this many last days")
        int scoredDays;
        @Option(names = "--warm-up-days", defaultValue = "14", description = "of those, not counted") int warmUpDays;
        @Option(names = "--policies", defaultValue = "0:0d,0.01:7d,0.02:7d,0.01:30d", split = ",",
                description = "min-score-change:confirm-after-days, e.g. 0.01:7d (0:0d records every score)")
        List<String> policies;
        @Option(names = "--band-cuts", defaultValue = "0.90,0.95,0.98", split = ",") List<Double> bandCuts;
        @Option(names = "--out", defaultValue = "docs/results/recording-eval.json") Path out;

        @Override
        public Integer call() throws Exception {
            if (warmUpDays >= scoredDays) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--warm-up-days must be below --scored-days");
            }
            List<AssessmentRecording> parsed = new ArrayList<>();
            for (String p : policies) {
                String[] parts = p.split(":");
                if (parts.length != 2 || !parts[1].endsWith("d")) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "a policy is min-score-change:confirm-after-days, e.g. 0.01:7d, got " + p);
                }
                parsed.add(new AssessmentRecording(Double.parseDouble(parts[0]),
                        Duration.ofDays(Long.parseLong(parts[1].substring(0, parts[1].length() - 1)))));
            }
            RecordingEvaluation.Result result = RecordingEvaluation.run(customers, seed, days, scoredDays, warmUpDays,
                    parsed, bandCuts, System.out);
            RecordingEvaluation.print(result, System.out);
            RecordingEvaluation.write(result, out, "infra/model-tools/keepwell-model recording-eval --customers "
                    + customers + " --days " + days + " --seed " + seed + " --scored-days " + scoredDays
                    + " --warm-up-days " + warmUpDays + " --policies " + String.join(",", policies));
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "tone-heads", mixinStandardHelpOptions = true,
            description = "Retrain the negative-tone heads on text/tone-examples.tsv.")
    static final class ToneHeads implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "scoring-service/src/main/resources/" + TextToneSignals.HEADS_RESOURCE)
        Path out;

        @Override
        public Integer call() throws Exception {
            ToneHeadTrainer.main(new String[] {out.toString()});
            return 0;
        }
    }
}
