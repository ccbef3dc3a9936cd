package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a product review: rating 1-5 and free text (Segment: Product Reviewed). */
public record RecordReviewCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ProductId productId,
        OrderId orderId,
        int rating,
        @PersonalData String text,
        String language) implements CustomerCommand {
}
