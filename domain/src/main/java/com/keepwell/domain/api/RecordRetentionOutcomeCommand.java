package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes a retention case with its outcome. {@code offerId} is null for holdout cases; {@code triggeredBy} names the
 * order or coupon that decided it, or is null when the window expired; {@code windowEnds} is when the case's outcome
 * window ends (or ended), null if not said; {@code followUpEnds}, after it, ends the follow-up in which an order is
 * recorded as {@link OrderedAfterRetentionWindowEvent}, null for none. A case's outcome is recorded once.
 */
public record RecordRetentionOutcomeCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RetentionCaseId caseId,
        OfferId offerId,
        RetentionOutcome outcome,
        String triggeredBy,
        Instant occurredAt,
        Instant windowEnds,
        Instant followUpEnds) {

    /** An outcome without a follow-up. */
    public RecordRetentionOutcomeCommand(CustomerId customerId, RetentionCaseId caseId, OfferId offerId,
            RetentionOutcome outcome, String triggeredBy, Instant occurredAt, Instant windowEnds) {
        this(customerId, caseId, offerId, outcome, triggeredBy, occurredAt, windowEnds, null);
    }

    /** An outcome whose window end is not said. */
    public RecordRetentionOutcomeCommand(CustomerId customerId, RetentionCaseId caseId, OfferId offerId,
            RetentionOutcome outcome, String triggeredBy, Instant occurredAt) {
        this(customerId, caseId, offerId, outcome, triggeredBy, occurredAt, null, null);
    }
}
