package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a retention case waits until {@code retryAt} to be decided again (a day's budgets are spent). */
public record DeferRetentionCaseCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RetentionCaseId caseId,
        RiskBand band,
        OfferRefusal reason,
        String detail,
        Instant retryAt,
        Instant at) {
}
