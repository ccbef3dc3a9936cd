package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The contact policy allowed an offer; it is open until its outcome is recorded. */
@Revision("1")
public record OfferDispatchedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        OfferId offerId,
        RuleId ruleId,
        int ruleVersion,
        Incentive incentive,
        ContactChannel channel,
        String message,
        String couponCode,
        Instant validUntil,
        Money costPerRedemption,
        Instant dispatchedAt) {
}
