package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** A customer completed an order. */
@Revision("1")
public record OrderPlacedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        Money total,
        Money discount,
        String couponCode,
        List<OrderLine> lines,
        Address shippingAddress) implements CustomerEvent {
}
