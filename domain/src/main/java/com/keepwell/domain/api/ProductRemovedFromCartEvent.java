package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer took a product out of the cart. */
@Revision("1")
public record ProductRemovedFromCartEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        String category,
        int quantity,
        Money unitPrice) implements CustomerEvent {
}
