package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The short summary of a customer: enough to see that storefront facts arrived. Revenue is net of refunds and
 * cancellations, per currency; {@code lifetimeValue} adds the currencies up, as the tier does. Consents not yet
 * stated by the customer are absent from the map. {@code risk} is null until the customer was first scored. Name and
 * e-mail are personal data, shown to agents only.
 */
public record CustomerSummaryView(
        CustomerId customerId,
        boolean registered,
        boolean accountClosed,
        String fullName,
        String email,
        String country,
        String language,
        String timeZone,
        int orders,
        int cancelledOrders,
        Map<String, BigDecimal> netRevenue,
        BigDecimal lifetimeValue,
        CustomerTier tier,
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
