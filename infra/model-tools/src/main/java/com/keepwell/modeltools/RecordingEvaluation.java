package com.keepwell.modeltools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.serving.AssessmentRecording;
import com.keepwell.scoring.serving.LoadedModel;
import com.keepwell.scoring.text.TextToneSignals;
import com.keepwell.simulator.SimulationSettings;
import com.keepwell.simulator.StorefrontSimulator;

/**
 * How many assessments a recording policy keeps: a simulated shop's {@link ScoredCustomers} are scored once a day,
 * as the sweep does, over its last {@code scoredDays} days with the shipped model, and each policy decides, per
 * customer and day, whether the score becomes a {@code RiskAssessedEvent}. The first {@code warmUpDays} are not counted (every
 * customer's first score is recorded). Event-driven scores come on top in the service and are not modelled here.
 */
final class RecordingEvaluation {

    /** What one policy recorded of the counted scores. */
    record Row(AssessmentRecording policy, long recorded, long bandChangesMissed) {
    }

    record Result(long scores, long bandChanges, List<Row> rows) {
    }

    private RecordingEvaluation() {
    }

    static Result run(int customers, long seed, int days, int scoredDays, int warmUpDays,
            List<AssessmentRecording> policies, List<Double> bandCuts, PrintStream out) throws Exception {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<Instant> daily = new ArrayList<>();
        for (int d = days - scoredDays; d < days; d++) {
            daily.add(start.plus(Duration.ofDays(d)));
        }
        Instant countFrom = daily.get(warmUpDays);
        Map<String, CustomerHistory> histories = new HashMap<>();
        List<Map<String, AssessmentRecording.Last>> last = new ArrayList<>();
        policies.forEach(p -> last.add(new HashMap<>()));
        Map<String, RiskBand> band = new HashMap<>();
        long[] recorded = new long[policies.size()];
        long[] missed = new long[policies.size()];
        long[] scores = new long[1];
        long[] bandChanges = new long[1];
        ModelBundle bundle = ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL);
        try (TextToneSignals text = new TextToneSignals(OrtSessions.Settings.cpu(2))) {
            FeatureProjector projector = new FeatureProjector(text);
            LoadedModel model = new LoadedModel(bundle, OrtSessions.Settings.cpu(2));
            StorefrontSimulator simulator = new StorefrontSimulator(
                    SimulationSettings.defaults(seed, customers, start, Duration.ofDays(days)));
            out.printf("simulating %d customers over %d days (seed %d); scoring every customer with an order daily over the"
                    + " last %d days%n", customers, days, seed, scoredDays);
            SimulatedHistory.replay(simulator, event -> {
                if (event instanceof CustomerEvent e) {
                    projector.apply(histories.computeIfAbsent(e.customerId().value(), id -> new CustomerHistory()), e);
                }
            }, out, daily, t -> {
                ScoredCustomers accounts = ScoredCustomers.at(histories, projector, t);
                List<String> ids = accounts.ids();
                LoadedModel.Scored[] scored = model.score(accounts.matrix(), 3);
                boolean counted = !t.isBefore(countFrom);
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    double score = Math.min(1, Math.max(0, scored[i].probability()));
                    RiskBand now = RiskBand.of(score, bandCuts.get(0), bandCuts.get(1), bandCuts.get(2));
                    RiskBand before = band.put(id, now);
                    boolean changed = before != null && before != now;
                    if (counted) {
                        scores[0]++;
                        bandChanges[0] += changed ? 1 : 0;
                    }
                    for (int p = 0; p < policies.size(); p++) {
                        AssessmentRecording.Last previous = last.get(p).getOrDefault(id,
                                new AssessmentRecording.Last(null, null, null, null, null));
                        if (policies.get(p).worthRecording(previous, score, now, bundle.version(),
                                scored[i].reasons(), t)) {
                            last.get(p).put(id, new AssessmentRecording.Last(t, score, now, bundle.version(),
                                    AssessmentRecording.reasonCodes(scored[i].reasons())));
                            recorded[p] += counted ? 1 : 0;
                        } else if (counted && changed) {
                            missed[p]++;
                        }
                    }
                }
                out.printf("  day %s: %,d customers scored%n", t.toString().substring(0, 10), ids.size());
            });
        }
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            rows.add(new Row(policies.get(p), recorded[p], missed[p]));
        }
        return new Result(scores[0], bandChanges[0], rows);
    }

    /** The result as JSON, with the command that produced it. */
    static void write(Result r, Path json, String command) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scores", r.scores());
        out.put("bandChanges", r.bandChanges());
        List<Map<String, Object>> policies = new ArrayList<>();
        for (Row row : r.rows()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("minScoreChange", row.policy().minScoreChange());
            p.put("confirmAfterDays", row.policy().confirmAfter().toDays());
            p.put("recorded", row.recorded());
            p.put("share", Math.round(1000.0 * row.recorded() / r.scores()) / 1000.0);
            p.put("bandChangesNotRecorded", row.bandChangesMissed());
            policies.add(p);
        }
        out.put("policies", policies);
        out.put("meaning", "every customer with an order (open accounts) of a simulated shop scored daily by the shipped model, as the sweep"
                + " does; each policy decides per customer and day whether the score becomes a RiskAssessed event;"
                + " the first scored days are a warm-up and not counted");
        out.put("command", command);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.write(json, ModelBundle.JSON.writeValueAsBytes(out));
    }

    static void print(Result r, PrintStream out) {
        out.printf("%n%,d daily scores counted, %,d of them a band change%n", r.scores(), r.bandChanges());
        out.println("| min score change | confirm after | recorded | share of the scores | band changes not recorded |");
        out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (Row row : r.rows()) {
            out.printf("| %s | %s | %,d | %.1f %% | %d |%n", row.policy().minScoreChange(),
                    row.policy().confirmAfter().toDays() + " d", row.recorded(),
                    100.0 * row.recorded() / r.scores(), row.bandChangesMissed());
        }
    }
}
