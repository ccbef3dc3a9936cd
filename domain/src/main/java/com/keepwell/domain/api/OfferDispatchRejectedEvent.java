package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The contact policy refused an offer. {@code retryAfter} is set where waiting helps (quiet hours, cooldown);
 * {@code detail} says in words what was in the way.
 */
@Revision("1")
public record OfferDispatchRejectedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        OfferId offerId,
        RuleId ruleId,
        OfferRefusal reason,
        String detail,
        Instant retryAfter,
        Instant rejectedAt) {
}
