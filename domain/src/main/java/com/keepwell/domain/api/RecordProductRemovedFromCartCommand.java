package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a product taken out of the cart (Segment: Product Removed). */
public record RecordProductRemovedFromCartCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        String category,
        int quantity,
        Money unitPrice) implements CustomerCommand {
}
