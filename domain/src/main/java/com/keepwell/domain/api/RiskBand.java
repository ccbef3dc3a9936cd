package com.keepwell.domain.api;

/** How urgent a customer's churn risk is; the score cut-offs between bands are the scoring service's configuration. */
public enum RiskBand {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The band of {@code score} given the lower bounds of MEDIUM, HIGH and CRITICAL, in increasing order. */
    public static RiskBand of(double score, double medium, double high, double critical) {
        if (!(medium <= high && high <= critical)) {
            throw new IllegalArgumentException("band cut-offs must increase: " + medium + ", " + high + ", " + critical);
        }
        if (score >= critical) {
            return CRITICAL;
        }
        if (score >= high) {
            return HIGH;
        }
        return score >= medium ? MEDIUM : LOW;
    }
}
