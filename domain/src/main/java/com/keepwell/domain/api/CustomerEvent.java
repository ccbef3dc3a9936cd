package com.keepwell.domain.api;

import java.time.Instant;

/**
 * A fact recorded on a customer. {@code occurredAt} is when it happened at the storefront; the event
 * message's own timestamp is when the platform stored it.
 */
public interface CustomerEvent {

    CustomerId customerId();

    StorefrontEventId sourceEventId();

    Instant occurredAt();
}
