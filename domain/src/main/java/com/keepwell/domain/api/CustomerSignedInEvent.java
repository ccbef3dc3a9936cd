package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer signed in. */
@Revision("1")
public record CustomerSignedInEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        String device) implements CustomerEvent {
}
