package com.keepwell.domain.api;

import java.util.List;
import java.util.Objects;

/**
 * The agents' at-risk worklist: open accounts with a risk assessment, optionally only some bands, one country, one
 * reason code, some tiers, or those with (true) or without (false) an open retention offer, ordered by {@code sort}
 * (highest first, or lowest first when {@code ascending}), {@code limit} at a time after the position {@code after}
 * (null for the first page; a position of the same order). Answered by {@link WorklistView}.
 */
public record FindWorklistQuery(List<RiskBand> bands, String country, String reason, List<CustomerTier> tiers,
        Boolean hasOpenOffer, Sort sort,
        boolean ascending, int limit, WorklistPosition after) {

    /**
     * What the worklist is ordered by, ties by customer id.
     * <ul>
     * <li>{@code RISK}: the churn score.</li>
     * <li>{@code VALUE_AT_RISK}: what the customer's churn would cost, the churn score times a year's value if kept
     * ({@link CustomerValue#yearIfKept}), so an agent calls first the customers whose loss would cost most.</li>
     * </ul>
     */
    public enum Sort {
        RISK,
        VALUE_AT_RISK
    }

    public FindWorklistQuery {
        bands = List.copyOf(Objects.requireNonNull(bands, "bands"));
        tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500, got " + limit);
        }
    }

    /** Ordered by risk. */
    public FindWorklistQuery(List<RiskBand> bands, String country, String reason, List<CustomerTier> tiers,
            Boolean hasOpenOffer, boolean ascending, int limit, WorklistPosition after) {
        this(bands, country, reason, tiers, hasOpenOffer, Sort.RISK, ascending, limit, after);
    }

    /** A place in the worklist order: the sort key (score or value at risk) and id of the previous page's last row. */
    public record WorklistPosition(double key, String customerId) {
    }
}
