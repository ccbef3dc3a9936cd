package com.keepwell.retention.saga;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

import com.keepwell.retention.learning.ArmStats;

/**
 * Expected net value of offering a rule to a customer, drawn by Thompson sampling:
 * value = P(churn) × P(kept | offer) × customer value − P(redeem) × cost per redemption.
 *
 * <p>P(churn) × P(kept | offer) is the uplift: the treated arm's retention rate minus the holdout arm's, for this
 * rule and risk band. Each rate has a Beta posterior. Before any outcome the priors say: holdout retains
 * 1 − P(churn), treatment retains 1 − P(churn) + P(churn) × prior P(kept); {@code priorStrength} pseudo-cases stand
 * behind each. Observed cases then move the posteriors, and a draw from each (rather than the mean) makes the
 * choice explore rules it is unsure about in proportion to how likely they are to be best.
 */
public final class OfferValue {

    private OfferValue() {
    }

    /** One draw of the net value (currency units). */
    public static double sample(RandomGenerator random, double churnProbability, double customerValue,
            double costPerRedemption, double priorKept, double priorStrength, double priorRedemption,
            ArmStats.Arms arms) {
        double p = clamp(churnProbability);
        double holdoutMean = clamp(1 - p);
        double treatedMean = clamp(1 - p + p * priorKept);
        double treated = draw(random, treatedMean, priorStrength, arms.treated());
        double holdout = draw(random, holdoutMean, priorStrength, arms.holdout());
        double redemption = (priorStrength * priorRedemption + arms.treated().redeemed())
                / (priorStrength + arms.treated().cases());
        return (treated - holdout) * customerValue - redemption * costPerRedemption;
    }

    private static double draw(RandomGenerator random, double priorMean, double strength, ArmStats.Counts counts) {
        double alpha = strength * priorMean + counts.retained();
        double beta = strength * (1 - priorMean) + counts.cases() - counts.retained();
        return new BetaDistribution(random, alpha, beta).sample();
    }

    private static double clamp(double probability) {
        return Math.min(0.999, Math.max(0.001, probability));
    }
}
