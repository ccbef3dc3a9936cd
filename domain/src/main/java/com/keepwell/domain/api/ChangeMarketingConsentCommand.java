package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a customer granting or withdrawing marketing consent for one channel. */
public record ChangeMarketingConsentCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ContactChannel channel,
        boolean granted) implements CustomerCommand {
}
