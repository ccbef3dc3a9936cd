package com.keepwell.simulator;

/**
 * The true churn hazard (per day) of a simulated customer: a personal base rate, raised exponentially by
 * dissatisfaction and linearly by inactivity, scaled by any offer in effect. Because it is known, the true
 * probability of churning within a horizon is too: 1 - exp(-h * days), holding today's state fixed.
 */
final class ChurnHazard {

    static final double SATISFACTION_WEIGHT = 3.0;
    static final double NEUTRAL_SATISFACTION = 0.7;
    static final double INACTIVITY_WEIGHT_PER_30_DAYS = 0.5;
    static final double MAX_INACTIVE_DAYS = 180;

    private ChurnHazard() {
    }

    static double perDay(double baseHazard, double satisfaction, double inactiveDays, double offerMultiplier) {
        double dissatisfaction = Math.exp(SATISFACTION_WEIGHT * (NEUTRAL_SATISFACTION - satisfaction));
        double inactivity = 1 + INACTIVITY_WEIGHT_PER_30_DAYS * Math.min(inactiveDays, MAX_INACTIVE_DAYS) / 30.0;
        return baseHazard * dissatisfaction * inactivity * offerMultiplier;
    }

    static double probabilityWithin(double hazardPerDay, double days) {
        return 1 - Math.exp(-hazardPerDay * days);
    }
}
