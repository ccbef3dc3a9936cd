package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The short summary of a customer: enough to see that storefront facts arrived. Revenue is net of refunds and
 * cancellations, per currency. Consents not yet stated by the customer are absent from the map. {@code risk} is
 * null until the customer was first scored.
 */
public record CustomerSummaryView(
        CustomerId customerId,
        boolean registered,
        boolean accountClosed,
        String country,
        int orders,
        int cancelledOrders,
        Map<String, BigDecimal> netRevenue,
        int sessions,
        int reviews,
        int openTickets,
        Instant firstSeenAt,
        Instant lastActivityAt,
        Map<ContactChannel, Boolean> marketingConsent,
        CurrentRiskView risk,
        int offersReceived,
        OpenOfferView openOffer,
        RetentionOutcome lastRetentionOutcome) {
}
