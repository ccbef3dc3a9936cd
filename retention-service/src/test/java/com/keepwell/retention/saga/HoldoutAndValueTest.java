package com.keepwell.retention.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.retention.learning.ArmStats;

class HoldoutAndValueTest {

    @Test
    void holdout_assignment_is_deterministic_and_near_its_share_in_every_band() {
        for (RiskBand band : RiskBand.values()) {
            int holdout = 0;
            for (int i = 0; i < 20_000; i++) {
                RetentionGroup group = HoldoutAssignment.assign("c-" + i, "case-" + i, band, 0.1);
                assertThat(HoldoutAssignment.assign("c-" + i, "case-" + i, band, 0.1)).isEqualTo(group);
                holdout += group == RetentionGroup.HOLDOUT ? 1 : 0;
            }
            assertThat(holdout / 20_000.0).isCloseTo(0.1, within(0.01));
        }
        assertThat(HoldoutAssignment.assign("c-1", "case-1", RiskBand.HIGH, 0.0)).isEqualTo(RetentionGroup.TREATMENT);
    }

    private static double meanValue(ArmStats.Arms arms, double priorKept) {
        return meanValue(arms, priorKept, ArmStats.Counts.NONE);
    }

    private static double meanValue(ArmStats.Arms arms, double priorKept, ArmStats.Counts bandHoldout) {
        Well19937c random = new Well19937c(1);
        double sum = 0;
        for (int i = 0; i < 4000; i++) {
            sum += OfferValue.sample(random, 0.9, 100, 10, priorKept, 20, 0.3, arms, bandHoldout);
        }
        return sum / 4000;
    }

    @Test
    void the_bands_pooled_holdouts_temper_a_lift_that_rests_on_a_rules_few_holdouts() {
        // the rule's 4 holdouts all left and its treated customers stayed at 40 %: a lift of 0.40 on its own evidence
        ArmStats.Arms few = new ArmStats.Arms(new ArmStats.Counts(40, 16, 8), new ArmStats.Counts(4, 0, 0));
        // every rule's holdouts in the band together retained 30 %: the rule's lift is likely far smaller
        ArmStats.Counts band = ArmStats.pooledHoldout(List.of(few,
                new ArmStats.Arms(ArmStats.Counts.NONE, new ArmStats.Counts(196, 60, 0))));
        assertThat(band).isEqualTo(new ArmStats.Counts(200, 60, 0));
        double alone = meanValue(few, 0.5);
        double pooled = meanValue(few, 0.5, band);
        assertThat(pooled).isLessThan(alone - 5);
        // the pooled holdouts add evidence, they do not replace the rule's own: many own holdouts barely move
        ArmStats.Arms many = new ArmStats.Arms(new ArmStats.Counts(400, 160, 80), new ArmStats.Counts(400, 40, 0));
        assertThat(meanValue(many, 0.5, band)).isCloseTo(meanValue(many, 0.5), within(3.0));
    }

    @Test
    void before_outcomes_the_value_follows_the_prior() {
        // uplift 0.9 x 0.5 = 0.45 of a 100 value, minus 0.3 x 10 expected cost
        assertThat(meanValue(ArmStats.Arms.NONE, 0.5)).isCloseTo(42, within(2.0));
    }

    @Test
    void observed_outcomes_override_an_optimistic_prior() {
        // treated and holdout retained alike over 400 cases each: no lift, so the offer only costs
        ArmStats.Arms noLift = new ArmStats.Arms(new ArmStats.Counts(400, 40, 120), new ArmStats.Counts(400, 40, 0));
        assertThat(meanValue(noLift, 0.5)).isLessThan(5).isGreaterThan(-15);
        ArmStats.Arms realLift = new ArmStats.Arms(new ArmStats.Counts(400, 240, 120), new ArmStats.Counts(400, 40, 0));
        assertThat(meanValue(realLift, 0.05)).isGreaterThan(35);
    }
}
