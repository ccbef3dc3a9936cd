package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes a retention case with its outcome. {@code offerId} is null for holdout cases; {@code triggeredBy} names the
 * order or coupon that decided it, or is null when the window expired. A case's outcome is recorded once.
 */
public record RecordRetentionOutcomeCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RetentionCaseId caseId,
        OfferId offerId,
        RetentionOutcome outcome,
        String triggeredBy,
        Instant occurredAt) {
}
