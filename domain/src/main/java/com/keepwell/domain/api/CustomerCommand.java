package com.keepwell.domain.api;

import java.time.Instant;

/** A storefront fact to be recorded on a customer; every one names the storefront event it came from. */
public interface CustomerCommand {

    CustomerId customerId();

    StorefrontEventId sourceEventId();

    Instant occurredAt();
}
