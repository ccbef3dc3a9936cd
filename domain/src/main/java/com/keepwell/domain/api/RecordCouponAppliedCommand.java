package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a coupon applied to a cart or order (Segment: Coupon Applied). */
public record RecordCouponAppliedCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String couponCode,
        OrderId orderId,
        Money discount) implements CustomerCommand {
}
