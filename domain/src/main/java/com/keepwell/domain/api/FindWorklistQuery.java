package com.keepwell.domain.api;

import java.util.List;
import java.util.Objects;

/**
 * The agents' at-risk worklist: open accounts with a risk assessment, optionally only some bands, one country, one
 * reason code, some tiers, or those with (true) or without (false) an open retention offer, ordered by risk (highest
 * first, or lowest first when {@code ascending}), {@code limit} at a time after the position {@code after} (null for
 * the first page). Answered by {@link WorklistView}.
 */
public record FindWorklistQuery(List<RiskBand> bands, String country, String reason, List<CustomerTier> tiers,
        Boolean hasOpenOffer,
        boolean ascending, int limit, WorklistPosition after) {

    public FindWorklistQuery {
        bands = List.copyOf(Objects.requireNonNull(bands, "bands"));
        tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1-500, got " + limit);
        }
    }

    /** A place in the worklist order: the last row of the previous page. */
    public record WorklistPosition(double riskScore, String customerId) {
    }
}
