package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The contact policy refused an offer. {@code retryAfter} is when the policy would allow it again, where waiting
 * helps (quiet hours, cooldown, frequency cap); {@code detail} says in words what was in the way.
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

    /**
     * Whether the offer is only postponed: refused for quiet hours, which end at {@code retryAfter}, when the
     * retention saga dispatches it again. Any other refusal is final for its case, which runs its window without
     * an offer, even where the policy names a later time.
     */
    public boolean postponed() {
        return reason == OfferRefusal.QUIET_HOURS && retryAfter != null;
    }
}
