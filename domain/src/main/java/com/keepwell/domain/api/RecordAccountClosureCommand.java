package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a customer closed the account: explicit churn. */
public record RecordAccountClosureCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String reason) implements CustomerCommand {
}
