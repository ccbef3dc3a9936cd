package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer applied a coupon. */
@Revision("1")
public record CouponAppliedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String couponCode,
        OrderId orderId,
        Money discount) implements CustomerEvent {
}
