package com.keepwell.modeltools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.keepwell.scoring.serving.AssessmentRecording;

class RecordingEvaluationTest {

    @Test
    void recording_every_score_keeps_all_and_the_default_policy_fewer_but_every_band_change(@TempDir Path dir)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RecordingEvaluation.Result r = RecordingEvaluation.run(400, 3, 240, 20, 8, List.of(
                new AssessmentRecording(0, Duration.ZERO), new AssessmentRecording(0.01, Duration.ofDays(7))),
                List.of(0.90, 0.95, 0.98), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(r.scores()).isGreaterThan(12 * 100);
        assertThat(r.rows().get(0).recorded()).isEqualTo(r.scores());
        long kept = r.rows().get(1).recorded();
        // at least one confirmation per customer and week, and far fewer than one a day
        assertThat(kept).isGreaterThanOrEqualTo(r.scores() / 12).isLessThan(r.scores() / 2);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.bandChangesMissed()).isZero());
        assertThat(r.bandChanges()).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("customers scored");

        Path json = dir.resolve("recording-eval.json");
        RecordingEvaluation.write(r, json, "keepwell-model recording-eval");
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.path("scores").asLong()).isEqualTo(r.scores());
        assertThat(written.path("policies").get(1).path("recorded").asLong()).isEqualTo(kept);
        assertThat(written.path("policies").get(1).path("confirmAfterDays").asLong()).isEqualTo(7);
        assertThat(written.path("command").asText()).isEqualTo("keepwell-model recording-eval");
    }
}
