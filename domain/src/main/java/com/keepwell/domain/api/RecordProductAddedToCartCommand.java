package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a product put in the cart (Segment: Product Added). */
public record RecordProductAddedToCartCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        String category,
        int quantity,
        Money unitPrice) implements CustomerCommand {
}
