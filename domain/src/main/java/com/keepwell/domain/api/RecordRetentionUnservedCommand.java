package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a customer at risk got no offer for a reason outside the contact policy (no rule, no budget). */
public record RecordRetentionUnservedCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RetentionCaseId caseId,
        RiskBand band,
        OfferRefusal reason,
        String detail,
        Instant at) {
}
