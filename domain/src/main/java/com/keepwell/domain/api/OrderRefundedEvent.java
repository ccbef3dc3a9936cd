package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Money was refunded on an order; {@code returned} when goods came back. */
@Revision("1")
public record OrderRefundedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        Money amount,
        boolean returned,
        String reason) implements CustomerEvent {
}
