package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer granted or withdrew marketing consent for one channel. */
@Revision("1")
public record MarketingConsentChangedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        ContactChannel channel,
        boolean granted) implements CustomerEvent {
}
