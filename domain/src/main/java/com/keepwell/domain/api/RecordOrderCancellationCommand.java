package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that an order was cancelled (Segment: Order Cancelled). */
public record RecordOrderCancellationCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        String reason) implements CustomerCommand {
}
