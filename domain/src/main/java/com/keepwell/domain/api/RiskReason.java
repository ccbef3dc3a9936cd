package com.keepwell.domain.api;

import java.util.Objects;

/**
 * One reason behind a churn risk: a stable {@code code} for machines (filters, rules), the feature it rests on
 * with its value (null when the customer has none, e.g. no order yet), how much it moved the score ({@code contribution}, in log-odds of the served model) and a
 * sentence for people ("no order for 74 days").
 */
public record RiskReason(String code, String feature, Double value, double contribution, String text) {

    public RiskReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(text, "text");
    }
}
