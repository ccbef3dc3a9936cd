package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One page of the at-risk worklist; {@code next} is null on the last page. */
public record WorklistView(List<Item> items, FindWorklistQuery.WorklistPosition next) {

    /**
     * A customer on the worklist, with what an agent needs to decide whom to call first. {@code historical}: the
     * risk describes imported history, the customer as of {@code featuresAsOf}, not now. {@code valueAtRisk}: the
     * churn score times a year's value if kept ({@link CustomerValue#yearIfKept}, tenure as of {@code featuresAsOf}),
     * in the shop's currency.
     */
    public record Item(CustomerId customerId, String country, CustomerTier tier, double riskScore, RiskBand band, List<String> reasons,
            Instant assessedAt, int orders, int openTickets, Instant lastActivityAt, Instant featuresAsOf,
            boolean historical, BigDecimal valueAtRisk) {
    }
}
