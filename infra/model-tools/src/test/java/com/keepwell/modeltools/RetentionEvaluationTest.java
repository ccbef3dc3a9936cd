package com.keepwell.modeltools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.keepwell.retention.saga.RetentionSettings.LearningOutcome;
import com.keepwell.scoring.model.ModelBundle;

class RetentionEvaluationTest {

    @Test
    void a_small_run_learns_offers_and_ranks_the_oracle_on_top(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // learning from the window: in a shop this small, what the follow-up has taught by the judged waves makes no
        // offer worth its cost, and the figures below need offers (what is learned does not change how it is judged)
        RetentionEvaluation.Result r = RetentionEvaluation.run(600, 5, 300, RetentionEvaluation.DEFAULT_BAND_CUTS,
                ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL),
                RetentionEvaluation.PolicySettings.DEFAULTS.learningFrom(LearningOutcome.WINDOW),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("judged wave");
        assertThat(r.learningCases()).isPositive();
        assertThat(r.policyOffers()).isPositive();
        assertThat(r.budget()).isPositive();
        // the oracle spends the same budget on the best true uplift: nothing can beat it, and random cannot either
        assertThat(r.oracle()).isGreaterThanOrEqualTo(r.policy()).isGreaterThan(r.random());
        // knowing traits but not the drawn type cannot beat knowing the type, and beats knowing nothing
        assertThat(r.ceilings().traits()).isLessThanOrEqualTo(r.oracle()).isGreaterThan(r.random());
        // the same ranking over only the pairs the rules admit: still knowledge no policy has, so above random
        assertThat(r.ceilings().rules()).isLessThanOrEqualTo(r.oracle()).isGreaterThan(r.random());

        // pooled runs weigh by budget: the same run twice pools to itself, with twice the budget and offers
        RetentionEvaluation.Result twice = RetentionEvaluation.pool(List.of(r, r));
        assertThat(twice.policy()).isCloseTo(r.policy(), within(1e-9));
        assertThat(twice.ceilings().traits()).isCloseTo(r.ceilings().traits(), within(1e-9));
        assertThat(twice.budget()).isEqualTo(2 * r.budget());
        assertThat(twice.policyOffers()).isEqualTo(2 * r.policyOffers());

        Path json = dir.resolve("uplift.json");
        RetentionEvaluation.write(List.of(5L, 5L), List.of(r, r), RetentionEvaluation.PolicySettings.DEFAULTS, json,
                "test");
        JsonNode written = ModelBundle.JSON.readTree(json.toFile());
        assertThat(written.path("policy").asDouble()).isEqualTo(Math.round(r.policy() * 1000) / 1000.0);
        assertThat(written.path("seeds")).hasSize(2);
        assertThat(written.path("seeds").get(0).path("seed").asLong()).isEqualTo(5);
        assertThat(written.path("explorationShare").asDouble()).isEqualTo(0.05);
        // the offers by how their rule was chosen add up to all of them
        assertThat(written.path("policyByChoice").findValuesAsText("choice"))
                .containsExactly("chosen by value", "exploring");
        assertThat(written.path("policyByChoice").findValues("offers").stream().mapToInt(JsonNode::asInt).sum())
                .isEqualTo(2 * r.policyOffers());
        assertThat(written.has("random") && written.has("oracle") && written.has("budget")).isTrue();
        assertThat(written.path("ceilings").path("traits").asDouble())
                .isEqualTo(Math.round(r.ceilings().traits() * 1000) / 1000.0);
        assertThat(written.path("command").asText()).isEqualTo("test");
        assertThat(written.path("learnedAsKept").asText()).isEqualTo("an order in the 28 days after the 14-day window");
        assertThat(Files.readString(dir.resolve("uplift.html"))).contains("<svg").contains("oracle")
                .contains("traits ceiling").contains("Does the risk score find who truly leaves?");

        // the score check rests on the living customers of the judged waves, every one of them in some band
        RetentionEvaluation.ScoreCheck check = r.scoreCheck();
        assertThat(check.customers()).isPositive();
        assertThat(check.bands().values().stream().mapToInt(RetentionEvaluation.BandTruth::customers).sum())
                .isEqualTo(check.customers());
        assertThat(check.auc()).isBetween(0.0, 1.0);
        assertThat(written.path("riskScoreVsTruth").path("livingCustomers").asInt()).isEqualTo(2 * check.customers());
        assertThat(twice.scoreCheck().auc()).isCloseTo(check.auc(), within(1e-9));
        assertThat(twice.scoreCheck().customers()).isEqualTo(2 * check.customers());

        // the policy's interval brackets its figure; pooling the same offers twice keeps the figure
        double[] ci = r.policyInterval();
        assertThat(ci[0]).isLessThanOrEqualTo(r.policy());
        assertThat(ci[1]).isGreaterThanOrEqualTo(r.policy());
        assertThat(twice.offers()).hasSize(2 * r.offers().size());
        assertThat(written.path("policyToRandom95")).hasSize(2);

        // by rule: every offer under the rule that made it, the budget shares adding up, the figures the policy's
        List<RetentionEvaluation.RuleFigures> rules = RetentionEvaluation.byRule(r);
        assertThat(rules).extracting(RetentionEvaluation.RuleFigures::rule)
                .containsExactlyElementsOf(RetentionEvaluation.RULES.stream().map(RetentionEvaluation.EvalRule::id).toList());
        assertThat(rules.stream().mapToInt(RetentionEvaluation.RuleFigures::offers).sum()).isEqualTo(r.policyOffers());
        assertThat(rules.stream().mapToDouble(RetentionEvaluation.RuleFigures::spendShare).sum()).isCloseTo(1, within(1e-9));
        assertThat(rules.stream().mapToDouble(RetentionEvaluation.RuleFigures::oracleSpendShare).sum())
                .isCloseTo(1, within(1e-9));
        assertThat(rules.stream().mapToDouble(f -> f.kept() * f.spendShare()).sum()).isCloseTo(r.policy(), within(1e-9));
        assertThat(written.path("policyByRule")).hasSize(RetentionEvaluation.RULES.size());
        // the same shop twice: every resample of the shops is that shop, so the interval over shops is its ratio
        assertThat(written.path("policyToRandom95ByShop").get(0).asDouble())
                .isEqualTo(written.path("policyToRandom95ByShop").get(1).asDouble())
                .isCloseTo(r.policy() / r.random(), within(0.001));
    }

    @Test
    void shops_simulated_side_by_side_give_the_figures_each_gives_alone() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        ModelBundle bundle = ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL);
        List<Long> seeds = List.of(8L, 9L);
        List<RetentionEvaluation.Result> together = RetentionEvaluation.runSeeds(300, seeds, 240,
                RetentionEvaluation.DEFAULT_BAND_CUTS, bundle, RetentionEvaluation.PolicySettings.DEFAULTS, 2, out);
        for (int i = 0; i < seeds.size(); i++) {
            RetentionEvaluation.Result alone = RetentionEvaluation.run(300, seeds.get(i), 240,
                    RetentionEvaluation.DEFAULT_BAND_CUTS, bundle, RetentionEvaluation.PolicySettings.DEFAULTS,
                    new PrintStream(OutputStream.nullOutputStream()));
            RetentionEvaluation.Result side = together.get(i);
            assertThat(side.budget()).isEqualTo(alone.budget());
            assertThat(side.policy()).isEqualTo(alone.policy());
            assertThat(side.random()).isEqualTo(alone.random());
            assertThat(side.oracle()).isEqualTo(alone.oracle());
            assertThat(side.policyOffers()).isEqualTo(alone.policyOffers());
            assertThat(side.scoreCheck().auc()).isEqualTo(alone.scoreCheck().auc());
        }
        // the two seeds are different shops, and every progress line says whose it is
        assertThat(together.get(0).scoreCheck().auc()).isNotEqualTo(together.get(1).scoreCheck().auc());
        assertThat(log.toString(StandardCharsets.UTF_8).lines())
                .isNotEmpty()
                .allMatch(line -> line.startsWith("[seed 8] ") || line.startsWith("[seed 9] "))
                .anyMatch(line -> line.startsWith("[seed 8] simulating"))
                .anyMatch(line -> line.startsWith("[seed 9] simulating"));
    }

    @Test
    void the_bootstrap_interval_narrows_with_more_offers_and_is_exact_for_identical_ones() {
        List<RetentionEvaluation.PolicyOffer> same = Collections.nCopies(50,
                new RetentionEvaluation.PolicyOffer("r", 0.02, 4, false));
        assertThat(RetentionEvaluation.bootstrap(same, 500, 1)).containsExactly(new double[] {5.0, 5.0}, within(1e-9));
        // one offer in ten keeps 0.3 of a customer, the others nothing: 7.5 kept per 1,000 EUR at 4 EUR an offer
        IntFunction<List<RetentionEvaluation.PolicyOffer>> draw = n -> IntStream.range(0, n)
                .mapToObj(i -> new RetentionEvaluation.PolicyOffer("r", i % 10 == 0 ? 0.3 : 0, 4, false)).toList();
        double[] few = RetentionEvaluation.bootstrap(draw.apply(100), 1000, 1);
        double[] many = RetentionEvaluation.bootstrap(draw.apply(10_000), 1000, 1);
        assertThat(few[0]).isLessThan(7.5);
        assertThat(few[1]).isGreaterThan(7.5);
        assertThat(many[1] - many[0]).isLessThan((few[1] - few[0]) / 5);
    }

    @Test
    void the_interval_over_shops_carries_how_much_shops_differ() {
        // four shops alike: every resample is the same pool, so the interval is the ratio itself
        List<RetentionEvaluation.Result> alike = Collections.nCopies(4, shop(2.0, 1.0, 1000));
        assertThat(RetentionEvaluation.shopInterval(alike, 500, 1)).containsExactly(new double[] {2.0, 2.0},
                within(1e-9));
        // the same pooled ratio (2.0) from shops that disagree: a wide interval around it
        List<RetentionEvaluation.Result> apart = List.of(shop(4.0, 1.0, 1000), shop(0.5, 1.0, 1000),
                shop(3.0, 1.0, 1000), shop(0.5, 1.0, 1000));
        double[] wide = RetentionEvaluation.shopInterval(apart, 2000, 1);
        assertThat(wide[0]).isLessThan(1.5);
        assertThat(wide[1]).isGreaterThan(2.5);
        // pooled by budget: a shop that spent nothing cannot move the ratio
        List<RetentionEvaluation.Result> idle = List.of(shop(2.0, 1.0, 1000), shop(50.0, 1.0, 0));
        assertThat(RetentionEvaluation.shopInterval(idle, 500, 1)[1]).isCloseTo(2.0, within(1e-9));
        assertThat(RetentionEvaluation.shopInterval(List.of(shop(2.0, 1.0, 1000)), 500, 1)).isNull();
    }

    private static RetentionEvaluation.Result shop(double policy, double random, double budget) {
        return new RetentionEvaluation.Result(policy, random, 50, budget, 10, 10, 10, 100, 16, 20, Map.of(),
                new RetentionEvaluation.Ceilings(20, 20, 5), new RetentionEvaluation.ScoreCheck(0.5, 100, Map.of()),
                List.of(), Map.of());
    }

    @Test
    void learning_from_the_follow_up_counts_each_case_once_its_follow_up_has_ended() throws Exception {
        ModelBundle bundle = ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        RetentionEvaluation.Result window = RetentionEvaluation.run(300, 8, 240, RetentionEvaluation.DEFAULT_BAND_CUTS,
                bundle, RetentionEvaluation.PolicySettings.DEFAULTS.learningFrom(LearningOutcome.WINDOW), quiet);
        RetentionEvaluation.Result followUp = RetentionEvaluation.run(300, 8, 240,
                RetentionEvaluation.DEFAULT_BAND_CUTS, bundle,
                RetentionEvaluation.PolicySettings.DEFAULTS.learningFrom(LearningOutcome.FOLLOW_UP), quiet);
        // a case is learned from 6 weeks after it opened, not 2: by the last wave, fewer have settled
        assertThat(learned(followUp, "cases")).isPositive().isLessThan(learned(window, "cases"));
        assertThat(learned(followUp, "retained")).isPositive();
    }

    private static int learned(RetentionEvaluation.Result r, String count) {
        return r.learned().values().stream().mapToInt(row -> row.getOrDefault(count, 0)).sum();
    }

    @Test
    void a_shop_whose_rules_all_turned_negative_still_offers_through_its_exploring_cases() throws Exception {
        // the shop of the test above, learning from the follow-up: by the judged waves every rule's value is below
        // zero, and without exploration no case opens any more
        ModelBundle bundle = ModelBundle.fromClasspath(RetentionEvaluation.DEFAULT_MODEL);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        RetentionEvaluation.Result without = RetentionEvaluation.run(600, 5, 300,
                RetentionEvaluation.DEFAULT_BAND_CUTS, bundle,
                new RetentionEvaluation.PolicySettings(LearningOutcome.FOLLOW_UP, 0), quiet);
        RetentionEvaluation.Result with = RetentionEvaluation.run(600, 5, 300,
                RetentionEvaluation.DEFAULT_BAND_CUTS, bundle, RetentionEvaluation.PolicySettings.DEFAULTS, quiet);
        assertThat(without.policyOffers()).isZero();
        // with 5 % of such cases exploring, the rules keep getting cases to learn from, and the shop still offers
        assertThat(with.learningCases()).isGreaterThan(without.learningCases());
        assertThat(with.policyOffers()).isPositive();
        assertThat(RetentionEvaluation.byChoice(with)).filteredOn(choice -> choice.rule().equals("exploring"))
                .singleElement().satisfies(choice -> assertThat(choice.offers()).isPositive());
        assertThatThrownBy(() -> new RetentionEvaluation.PolicySettings(LearningOutcome.FOLLOW_UP, 1.5))
                .hasMessage("exploration share: between 0 and 1, got 1.5");
    }

    @Test
    void the_offer_values_use_the_service_defaults() {
        assertThat(RetentionEvaluation.PRIOR_STRENGTH).isEqualTo(20);
        assertThat(RetentionEvaluation.PRIOR_REDEMPTION_RATE).isEqualTo(0.3);
        assertThat(RetentionEvaluation.MINIMUM_CUSTOMER_VALUE).isEqualTo(50);
        assertThat(RetentionEvaluation.FOLLOW_UP).isEqualTo(Duration.ofDays(28));
        assertThat(RetentionEvaluation.DEFAULT_LEARN_FROM).isEqualTo(LearningOutcome.FOLLOW_UP);
        assertThat(RetentionEvaluation.DEFAULT_EXPLORATION_SHARE).isEqualTo(0.05);
        assertThat(RetentionEvaluation.learningOutcome("window")).isEqualTo(LearningOutcome.WINDOW);
        assertThatThrownBy(() -> RetentionEvaluation.learningOutcome("weekly"))
                .hasMessage("learn-from: follow-up or window, got 'weekly'");
        assertThatThrownBy(() -> RetentionEvaluation.serviceDefault("priorStrenght"))
                .hasMessageContaining("no keepwell.retention setting priorStrenght");
    }

    @Test
    void soft_auc_is_the_roc_auc_for_certain_truths_and_weighs_pairs_by_probability() {
        assertThat(RetentionEvaluation.softAuc(new double[] {0.1, 0.2, 0.3}, new double[] {0, 0, 1})).isEqualTo(1.0);
        assertThat(RetentionEvaluation.softAuc(new double[] {0.3, 0.2, 0.1}, new double[] {0, 0, 1})).isEqualTo(0.0);
        assertThat(RetentionEvaluation.softAuc(new double[] {0.5, 0.5, 0.5}, new double[] {0, 1, 1})).isEqualTo(0.5);
        // ordinary AUC with a tie between a churner and a stayer: (1 + 1 + 0.5 + 1) / 4
        assertThat(RetentionEvaluation.softAuc(new double[] {0.1, 0.4, 0.4, 0.9}, new double[] {0, 0, 1, 1}))
                .isCloseTo(0.875, within(1e-12));
        // two customers, truths 0.2 and 0.8, the likelier churner scored higher: concordant weight 0.8 * 0.8 over
        // all cross pairs 1 * 1 less the customers paired with themselves (2 * 0.2 * 0.8)
        assertThat(RetentionEvaluation.softAuc(new double[] {0.3, 0.7}, new double[] {0.2, 0.8}))
                .isCloseTo(0.64 / 0.68, within(1e-12));
        // a score that knows nothing (constant) sits at one half whatever the truths
        assertThat(RetentionEvaluation.softAuc(new double[] {1, 1, 1}, new double[] {0.1, 0.5, 0.9}))
                .isCloseTo(0.5, within(1e-12));
    }
}
