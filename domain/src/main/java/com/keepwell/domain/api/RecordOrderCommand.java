package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a completed order (Segment: Order Completed). Placing a known order id again changes nothing. */
public record RecordOrderCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        Money total,
        Money discount,
        String couponCode,
        List<OrderLine> lines,
        Address shippingAddress) implements CustomerCommand {
}
