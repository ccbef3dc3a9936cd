package com.keepwell.domain.storefront;

import java.time.Instant;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.StorefrontEventId;

/** The CloudEvents attributes every command needs: whose event ({@code subject}), which one ({@code id}), when. */
public record EventHeader(CustomerId customerId, StorefrontEventId eventId, Instant time) {
}
