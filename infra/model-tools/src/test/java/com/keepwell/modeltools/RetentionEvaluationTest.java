package com.keepwell.modeltools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.keepwell.scoring.model.ModelBundle;

class RetentionEvaluationTest {

    @Test
    void a_small_run_learns_offers_and_ranks_the_oracle_on_top(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RetentionEvaluation.Result r = RetentionEvaluation.run(600, 5, 300,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("judged wave");
        assertThat(r.learningCases()).isPositive();
        assertThat(r.policyOffers()).isPositive();
        assertThat(r.budget()).isPositive();
        // the oracle spends the same budget on the best true uplift: nothing can beat it, and random cannot either
        assertThat(r.oracle()).isGreaterThanOrEqualTo(r.policy()).isGreaterThan(r.random());
        // knowing traits but not the drawn type cannot beat knowing the type, and beats knowing nothing
        assertThat(r.ceilings().traits()).isLessThanOrEqualTo(r.oracle()).isGreaterThan(r.random());

        // pooled runs weigh by budget: the same run twice pools to itself, with twice the budget and offers
        RetentionEvaluation.Result twice = RetentionEvaluation.pool(List.of(r, r));
        assertThat(twice.policy()).isCloseTo(r.policy(), within(1e-9));
        assertThat(twice.ceilings().traits()).isCloseTo(r.ceilings().traits(), within(1e-9));
        assertThat(twice.budget()).isEqualTo(2 * r.budget());
        assertThat(twice.policyOffers()).isEqualTo(2 * r.policyOffers());

        Path json = dir.resolve("uplift.json");
        RetentionEvaluation.write(List.of(5L, 5L), List.of(r, r), json, "test");
        JsonNode written = ModelBundle.JSON.readTree(json.toFile());
        assertThat(written.path("policy").asDouble()).isEqualTo(Math.round(r.policy() * 1000) / 1000.0);
        assertThat(written.path("seeds")).hasSize(2);
        assertThat(written.path("seeds").get(0).path("seed").asLong()).isEqualTo(5);
        assertThat(written.has("random") && written.has("oracle") && written.has("budget")).isTrue();
        assertThat(written.path("ceilings").path("traits").asDouble())
                .isEqualTo(Math.round(r.ceilings().traits() * 1000) / 1000.0);
        assertThat(written.path("command").asText()).isEqualTo("test");
        assertThat(Files.readString(dir.resolve("uplift.html"))).contains("<svg").contains("oracle")
                .contains("traits ceiling");
    }
}
