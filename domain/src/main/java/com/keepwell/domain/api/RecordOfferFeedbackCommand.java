package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a channel provider's report on an offer; {@code feedbackId} (the report's CloudEvents id) makes it
 * idempotent. An unsubscribe also withdraws marketing consent for the offer's channel.
 */
public record RecordOfferFeedbackCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        OfferId offerId,
        String feedbackId,
        OfferFeedback feedback,
        Instant occurredAt) {
}
