package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the customer to accept an offer. The aggregate applies the contact policy that comes with the command and
 * records either {@link OfferDispatchedEvent} or {@link OfferDispatchRejectedEvent}; a repeated offer id is ignored.
 */
public record DispatchOfferCommand(
        @TargetAggregateIdentifier CustomerId customerId,
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
        Instant requestedAt,
        ContactPolicy policy) {
}
