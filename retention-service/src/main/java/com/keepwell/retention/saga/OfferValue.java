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
 *
 * <p>Holdout customers get no offer, whatever rule held them out, so the band's holdouts pooled over all rules say
 * something about each rule's holdout too: they add {@code priorStrength} more pseudo-cases at their retention rate
 * (empirical Bayes). A rule's own holdout, 10 % of its cases, is a handful of customers for a long time; without
 * the pooled ones its lift would rest on that handful and the prior.
 */
public final class OfferValue {

    private OfferValue() {
    }

    /**
     * One draw of the net value (currency units). {@code bandHoldout}: the holdout counts of every rule in the
     * customer's band added up ({@link ArmStats#pooledHoldout}); {@code Counts.NONE} leaves the prior alone.
     */
    public static double sample(RandomGenerator random, double churnProbability, double customerValue,
            double costPerRedemption, double priorKept, double priorStrength, double priorRedemption,
            ArmStats.Arms arms, ArmStats.Counts bandHoldout) {
        double p = clamp(churnProbability);
        double holdoutMean = clamp(1 - p);
        double treatedMean = clamp(1 - p + p * priorKept);
        double treated = draw(random, treatedMean, priorStrength, arms.treated(), 0, 0);
        double pooledCases = bandHoldout.cases() > 0 ? priorStrength : 0;
        double pooledRetained = bandHoldout.cases() > 0
                ? priorStrength * bandHoldout.retained() / bandHoldout.cases() : 0;
        double holdout = draw(random, holdoutMean, priorStrength, arms.holdout(), pooledCases, pooledRetained);
        double redemption = (priorStrength * priorRedemption + arms.treated().redeemed())
                / (priorStrength + arms.treated().cases());
        return (treated - holdout) * customerValue - redemption * costPerRedemption;
    }

    private static double draw(RandomGenerator random, double priorMean, double strength, ArmStats.Counts counts,
            double pooledCases, double pooledRetained) {
        double alpha = strength * priorMean + counts.retained() + pooledRetained;
        double beta = strength * (1 - priorMean) + counts.cases() - counts.retained() + pooledCases - pooledRetained;
        return new BetaDistribution(random, alpha, beta).sample();
    }

    private static double clamp(double probability) {
        return Math.min(0.999, Math.max(0.001, probability));
    }
}
