package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records money given back on an order, with or without goods returned (Segment: Order Refunded). */
public record RecordRefundCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        Money amount,
        boolean returned,
        String reason) implements CustomerCommand {
}
