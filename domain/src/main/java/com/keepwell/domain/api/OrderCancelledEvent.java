package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An order was cancelled; {@code voidedAmount} is what had not been refunded yet and no longer counts as revenue. */
@Revision("1")
public record OrderCancelledEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        OrderId orderId,
        String reason,
        Money voidedAmount) implements CustomerEvent {
}
