package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer started checking out. */
@Revision("1")
public record CheckoutStartedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String checkoutId,
        Money value,
        int items) implements CustomerEvent {
}
