package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a customer started checking out (Segment: Checkout Started). */
public record RecordCheckoutStartedCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String checkoutId,
        Money value,
        int items) implements CustomerCommand {
}
