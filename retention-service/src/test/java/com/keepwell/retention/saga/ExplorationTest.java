package com.keepwell.retention.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.OfferRefusal;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.retention.rules.RuleBook;

class ExplorationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Learned over 1,000 cases an arm: the offer's customers stayed less than those held out. */
    private static final ArmStats.Arms LOSES = new ArmStats.Arms(new ArmStats.Counts(1000, 300, 300),
            new ArmStats.Counts(1000, 500, 0));

    private final RuleBook rules = Fakes.ruleBook(Fakes.rule("Discount", "true", 0.4, 0.0, "1000"),
            Fakes.rule("Coupon", "true", 0.4, 0.0, "1000"), Fakes.rule("Platinum only", "tier == 'PLATINUM'", 0.9,
                    0.0, "1000"));
    private final ArmStats bothLose = Fakes.learned(Map.of("rule-1", LOSES, "rule-2", LOSES, "rule-3", LOSES));

    private Fakes.MemoryBudgets budgets() {
        Fakes.MemoryBudgets budgets = new Fakes.MemoryBudgets();
        for (String rule : List.of("rule-1", "rule-2", "rule-3")) {
            budgets.left.put(rule, new BigDecimal("1000"));
        }
        return budgets;
    }

    private static OfferDecision plan(OfferPlanner planner, int i) {
        return planner.plan("c-" + i, RetentionCaseId.of("case-" + i), 0.95, RiskBand.HIGH, List.of(), T0, T0);
    }

    @Test
    void a_share_of_cases_explores_fixed_by_the_case_and_independent_of_the_holdout() {
        int exploring = 0;
        int heldOut = 0;
        int both = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean explores = Exploration.explores("case-" + i, 0.1);
            assertThat(Exploration.explores("case-" + i, 0.1)).isEqualTo(explores);
            boolean holdout = HoldoutAssignment.assign("c-" + i, "case-" + i, RiskBand.HIGH, 0.5)
                    == RetentionGroup.HOLDOUT;
            exploring += explores ? 1 : 0;
            heldOut += holdout ? 1 : 0;
            both += explores && holdout ? 1 : 0;
        }
        assertThat(exploring / 20_000.0).isCloseTo(0.1, within(0.01));
        // half of the exploring cases are held out, as half of all are: the rule drawn learns on both arms
        assertThat(both / (double) exploring).isCloseTo(heldOut / 20_000.0, within(0.04));
        assertThat(Exploration.explores("case-1", 0)).isFalse();
        assertThat(Exploration.explores("case-1", 1)).isTrue();
    }

    @Test
    void without_exploration_rules_that_learned_they_lose_make_no_offer_ever_again() {
        OfferPlanner planner = Fakes.planner(rules, budgets(), bothLose, Fakes.settings());
        for (int i = 0; i < 200; i++) {
            assertThat(plan(planner, i)).isInstanceOfSatisfying(OfferDecision.Unserved.class,
                    u -> assertThat(u.reason()).isEqualTo(OfferRefusal.NO_ELIGIBLE_RULE));
        }
    }

    @Test
    void an_exploring_case_draws_any_rule_that_admits_the_customer_whatever_its_value() {
        OfferPlanner planner = Fakes.planner(rules, budgets(), bothLose, Fakes.settingsExploring(1.0));
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            OfferDecision.Treat treat = (OfferDecision.Treat) plan(planner, i);
            assertThat(treat.exploring()).isTrue();
            assertThat(treat.expectedNetValue()).isNegative();
            drawn.add(treat.rule().value());
        }
        // both rules the customer is admitted to, never the one whose eligibility says no
        assertThat(drawn).containsExactlyInAnyOrder("rule-1", "rule-2");
    }

    @Test
    void where_some_rule_is_worth_its_cost_an_exploring_case_is_decided_by_value() {
        // before any outcome the priors make both admitting rules worth offering
        OfferPlanner planner = Fakes.planner(rules, budgets(), Fakes.noOutcomesYet(), Fakes.settingsExploring(1.0));
        for (int i = 0; i < 100; i++) {
            OfferDecision.Treat treat = (OfferDecision.Treat) plan(planner, i);
            assertThat(treat.exploring()).isFalse();
            assertThat(treat.expectedNetValue()).isPositive();
        }
    }

    @Test
    void at_a_share_only_that_share_of_cases_gets_an_offer_from_losing_rules() {
        OfferPlanner planner = Fakes.planner(rules, budgets(), bothLose, Fakes.settingsExploring(0.05));
        int offered = 0;
        for (int i = 0; i < 4000; i++) {
            OfferDecision decision = plan(planner, i);
            boolean explores = Exploration.explores("case-" + i, 0.05);
            assertThat(decision instanceof OfferDecision.Treat).isEqualTo(explores);
            offered += explores ? 1 : 0;
        }
        assertThat(offered / 4000.0).isCloseTo(0.05, within(0.01));
    }

    @Test
    void an_exploring_case_keeps_to_budgets_and_holdouts() {
        Fakes.MemoryBudgets budgets = budgets();
        budgets.left.put("rule-1", BigDecimal.ZERO);
        OfferPlanner planner = Fakes.planner(rules, budgets, bothLose, Fakes.settingsExploring(1.0));
        for (int i = 0; i < 50; i++) {
            assertThat(((OfferDecision.Treat) plan(planner, i)).rule().value()).isEqualTo("rule-2");
        }
        RuleBook withHoldout = Fakes.ruleBook(Fakes.rule("Discount", "true", 0.4, 0.5, "1000"));
        OfferPlanner holding = Fakes.planner(withHoldout, budgets(), bothLose, Fakes.settingsExploring(1.0));
        int held = 0;
        for (int i = 0; i < 400; i++) {
            OfferDecision decision = plan(holding, i);
            if (decision instanceof OfferDecision.Holdout holdout) {
                assertThat(holdout.exploring()).isTrue();
                held++;
            } else {
                assertThat(((OfferDecision.Treat) decision).exploring()).isTrue();
            }
        }
        assertThat(held / 400.0).isCloseTo(0.5, within(0.08));
    }

    @Test
    void an_exploring_decision_retried_is_the_same_decision() {
        OfferPlanner planner = Fakes.planner(rules, budgets(), bothLose, Fakes.settingsExploring(1.0));
        for (int i = 0; i < 20; i++) {
            assertThat(((OfferDecision.Treat) plan(planner, i)).rule())
                    .isEqualTo(((OfferDecision.Treat) plan(planner, i)).rule());
        }
    }
}
