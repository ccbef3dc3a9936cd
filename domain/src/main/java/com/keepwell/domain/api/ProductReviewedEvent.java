package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer reviewed a product. */
@Revision("1")
public record ProductReviewedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        OrderId orderId,
        int rating,
        @PersonalData String text,
        String language) implements CustomerEvent {
}
