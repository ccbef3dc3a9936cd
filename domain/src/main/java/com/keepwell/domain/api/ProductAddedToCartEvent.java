package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer put a product in the cart. */
@Revision("1")
public record ProductAddedToCartEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        String category,
        int quantity,
        Money unitPrice) implements CustomerEvent {
}
