package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A channel provider reported on an offer: delivered, bounced, opened, clicked or unsubscribed. */
@Revision("1")
public record OfferFeedbackRecordedEvent(
        CustomerId customerId,
        OfferId offerId,
        String feedbackId,
        ContactChannel channel,
        OfferFeedback feedback,
        Instant occurredAt) {
}
