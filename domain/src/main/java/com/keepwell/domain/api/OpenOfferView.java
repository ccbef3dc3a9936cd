package com.keepwell.domain.api;

import java.time.Instant;

/** The retention offer a customer currently holds, as agents see it. */
public record OpenOfferView(
        OfferId offerId,
        RuleId ruleId,
        IncentiveType incentive,
        ContactChannel channel,
        String couponCode,
        Instant dispatchedAt,
        Instant validUntil) {
}
