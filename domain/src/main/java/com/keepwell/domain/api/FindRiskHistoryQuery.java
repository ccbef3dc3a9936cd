package com.keepwell.domain.api;

import java.util.Objects;

/** A customer's risk assessments, the newest {@code limit} in time order; answered by {@link RiskHistoryView}. */
public record FindRiskHistoryQuery(CustomerId customerId, int limit) {

    public FindRiskHistoryQuery {
        Objects.requireNonNull(customerId, "customerId");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        }
    }
}
