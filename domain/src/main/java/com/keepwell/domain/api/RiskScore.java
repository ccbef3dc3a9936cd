package com.keepwell.domain.api;

/** A calibrated probability that the customer churns within the model's horizon. */
public record RiskScore(double value) {

    public RiskScore {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("a risk score is a probability in [0, 1], got " + value);
        }
    }

    public static RiskScore of(double value) {
        return new RiskScore(value);
    }
}
