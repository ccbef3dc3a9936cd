package com.keepwell.readmodels.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.CampaignResultView;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RuleId;

class CampaignResultsTest {

    private static final RuleId RULE = RuleId.of("rule-1");

    /** An arm with {@code ended} cases, {@code retained} of them retained (redeemed ones cost 2 EUR each). */
    private static CampaignArm arm(RiskBand band, RetentionGroup group, int ended, int retained, int redeemed) {
        CampaignArm arm = new CampaignArm(RULE.value(), band, group);
        for (int i = 0; i < ended; i++) {
            arm.assigned(false);
            RetentionOutcome outcome = i < redeemed ? RetentionOutcome.REDEEMED
                    : i < retained ? RetentionOutcome.ORDERED_AGAIN : RetentionOutcome.EXPIRED;
            Money cost = group == RetentionGroup.HOLDOUT ? null
                    : outcome == RetentionOutcome.REDEEMED ? Money.of("2.00", "EUR") : Money.zero("EUR");
            arm.ended(outcome, cost);
        }
        // every window closed
        arm.settled(ended, retained, BigDecimal.valueOf(2 * redeemed));
        return arm;
    }

    @Test
    void lift_is_compared_within_bands_and_weighted_by_treated_cases() {
        List<CampaignArm> arms = List.of(
                arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 100, 60, 30),
                arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 20, 8, 0),
                arm(RiskBand.MEDIUM, RetentionGroup.TREATMENT, 50, 20, 0),
                arm(RiskBand.MEDIUM, RetentionGroup.HOLDOUT, 10, 5, 0));
        CampaignResultView r = CampaignResults.of(RULE, arms, true);

        // HIGH +0.20 over 100 treated, MEDIUM -0.10 over 50: (20 - 5) / 150
        assertThat(r.lift()).isCloseTo(0.1, within(1e-9));
        assertThat(r.incrementalCustomers()).isCloseTo(15.0, within(1e-9));
        assertThat(r.cost()).isEqualByComparingTo("60.00");
        assertThat(r.costPerIncrementalCustomer()).isEqualByComparingTo("4.00");
        assertThat(r.liftLow()).isLessThan(0.1);
        assertThat(r.liftHigh()).isGreaterThan(0.1);
        // pooled rates are shown as they are, with their Wilson intervals
        assertThat(r.treated().ended()).isEqualTo(150);
        assertThat(r.treated().retentionRate()).isCloseTo(80 / 150.0, within(1e-9));
        assertThat(r.holdout().retentionRate()).isCloseTo(13 / 30.0, within(1e-9));
        assertThat(r.treated().redeemed()).isEqualTo(30);
        assertThat(r.bands()).extracting(CampaignResultView.BandView::band).containsExactly(RiskBand.MEDIUM, RiskBand.HIGH);
        CampaignResultView.BandView high = r.bands().get(1);
        assertThat(high.lift()).isCloseTo(0.2, within(1e-9));
        assertThat(high.treated().rateLow()).isCloseTo(0.502, within(0.001));
        assertThat(high.treated().rateHigh()).isCloseTo(0.691, within(0.001));
    }

    @Test
    void orders_after_the_window_are_compared_on_their_own_over_the_followed_up_cases() {
        CampaignArm highTreated = arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 100, 60, 30);
        CampaignArm highHoldout = arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 20, 8, 0);
        CampaignArm mediumTreated = arm(RiskBand.MEDIUM, RetentionGroup.TREATMENT, 50, 20, 0);
        CampaignArm mediumHoldout = arm(RiskBand.MEDIUM, RetentionGroup.HOLDOUT, 10, 5, 0);
        // a big lift inside the window (brought-forward orders), a small one after it; MEDIUM not followed up yet
        highTreated.followedUp(80, 20);
        highHoldout.followedUp(16, 3);
        mediumTreated.followedUp(40, 10);
        CampaignResultView r = CampaignResults.of(RULE, List.of(highTreated, highHoldout, mediumTreated,
                mediumHoldout), false);

        assertThat(r.lift()).isCloseTo(0.1, within(1e-9));
        CampaignResultView.FollowUpView after = r.followUp();
        assertThat(after.treatedCases()).isEqualTo(120);
        assertThat(after.treatedOrdered()).isEqualTo(30);
        assertThat(after.treatedRate()).isCloseTo(0.25, within(1e-9));
        assertThat(after.holdoutRate()).isCloseTo(3 / 16.0, within(1e-9));
        // only HIGH has followed-up cases in both arms: 20/80 - 3/16 over its 80 treated
        assertThat(after.lift()).isCloseTo(0.0625, within(1e-9));
        assertThat(after.incrementalCustomers()).isCloseTo(5.0, within(1e-9));
        assertThat(after.liftLow()).isLessThan(0).isGreaterThanOrEqualTo(-1);
        assertThat(after.liftHigh()).isGreaterThan(0.0625);

        CampaignResultView none = CampaignResults.of(RULE, List.of(arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 5,
                1, 0), arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 5, 1, 0)), false);
        assertThat(none.followUp().treatedRate()).isNull();
        assertThat(none.followUp().lift()).isNull();
    }

    @Test
    void without_both_arms_in_some_band_there_is_no_lift_yet() {
        List<CampaignArm> arms = new ArrayList<>(List.of(
                arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 10, 5, 5),
                arm(RiskBand.MEDIUM, RetentionGroup.HOLDOUT, 3, 1, 0)));
        CampaignResultView r = CampaignResults.of(RULE, arms, true);
        assertThat(r.lift()).isNull();
        assertThat(r.incrementalCustomers()).isNull();
        assertThat(r.costPerIncrementalCustomer()).isNull();
        assertThat(r.cost()).isEqualByComparingTo("10.00");
        assertThat(r.bands()).allSatisfy(b -> assertThat(b.lift()).isNull());
    }

    @Test
    void an_arm_whose_cases_are_all_still_open_has_no_rate_rather_than_zero() {
        CampaignArm open = new CampaignArm(RULE.value(), RiskBand.HIGH, RetentionGroup.TREATMENT);
        open.assigned(false);
        open.assigned(true);
        open.offerSent();
        CampaignResultView r = CampaignResults.of(RULE, List.of(open), true);

        assertThat(r.treated().assigned()).isEqualTo(2);
        assertThat(r.exploringCases()).isEqualTo(1);
        assertThat(r.treated().offersSent()).isEqualTo(1);
        assertThat(r.treated().retentionRate()).isNull();
        assertThat(r.treated().rateLow()).isNull();
        assertThat(r.treated().rateHigh()).isNull();
        assertThat(r.holdout().assigned()).isZero();
        assertThat(r.holdout().retentionRate()).isNull();
        assertThat(r.bands().get(0).treated().retentionRate()).isNull();
    }

    @Test
    void rates_count_only_cases_whose_window_has_closed() {
        // 10 treated ended, 4 of them re-ordered early in windows still open; 6 settled, 2 of them retained
        CampaignArm treated = arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 10, 6, 4);
        treated.settled(6, 2, new BigDecimal("4.00"));
        CampaignArm holdout = arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 10, 2, 0);
        holdout.settled(10, 2, BigDecimal.ZERO);
        CampaignResultView r = CampaignResults.of(RULE, List.of(treated, holdout), false);

        assertThat(r.treated().ended()).isEqualTo(10);
        assertThat(r.treated().retained()).isEqualTo(6);
        assertThat(r.treated().settled()).isEqualTo(6);
        assertThat(r.treated().retentionRate()).as("not 6 of 10: the early re-orders wait for their windows")
                .isCloseTo(2 / 6.0, within(1e-9));
        assertThat(r.lift()).isCloseTo(2 / 6.0 - 0.2, within(1e-9));
        assertThat(r.incrementalCustomers()).isCloseTo(6 * (2 / 6.0 - 0.2), within(1e-9));
        // what was spent so far, and per incremental customer what the settled cases cost
        assertThat(r.cost()).isEqualByComparingTo("8.00");
        assertThat(r.costPerIncrementalCustomer()).isEqualByComparingTo("5.00");
    }

    @Test
    void an_all_or_nothing_band_still_gets_an_interval() {
        CampaignResultView r = CampaignResults.of(RULE, List.of(
                arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 5, 5, 0),
                arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 5, 0, 0)), false);
        assertThat(r.lift()).isEqualTo(1.0);
        assertThat(r.liftHigh() - r.liftLow()).isGreaterThan(0.2);
        assertThat(r.liftHigh()).as("a difference of two rates is at most 100 points").isEqualTo(1.0);
        assertThat(r.bands()).isEmpty();
    }

    @Test
    void a_tiny_arm_s_interval_stays_within_what_a_difference_of_rates_can_be() {
        // 16 of 32 treated against 2 of 2 held out: the normal approximation alone would reach below -100 points
        CampaignResultView r = CampaignResults.of(RULE, List.of(
                arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 32, 16, 0),
                arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 2, 2, 0)), true);
        assertThat(r.lift()).isCloseTo(-0.5, within(1e-9));
        assertThat(r.liftLow()).isEqualTo(-1.0);
        assertThat(r.bands().get(0).liftLow()).isEqualTo(-1.0);
        assertThat(r.liftHigh()).isLessThan(0.5);
    }

    @Test
    void no_positive_lift_means_no_cost_per_incremental_customer() {
        CampaignResultView r = CampaignResults.of(RULE, List.of(
                arm(RiskBand.HIGH, RetentionGroup.TREATMENT, 10, 2, 2),
                arm(RiskBand.HIGH, RetentionGroup.HOLDOUT, 10, 5, 0)), false);
        assertThat(r.lift()).isCloseTo(-0.3, within(1e-9));
        assertThat(r.costPerIncrementalCustomer()).isNull();
    }
}
