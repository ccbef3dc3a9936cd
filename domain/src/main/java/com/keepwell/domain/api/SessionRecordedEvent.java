package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** A customer browsed: one session, condensed from its page and product views. */
@Revision("1")
public record SessionRecordedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        SessionId sessionId,
        Instant startedAt,
        Instant endedAt,
        int pageViews,
        int productViews,
        List<ProductId> productsViewed,
        List<String> categoriesViewed) implements CustomerEvent {
}
