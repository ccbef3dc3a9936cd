package com.keepwell.domain.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One page of a customer's activity timeline, newest first: {@code limit} entries older than the position
 * {@code before} (null for the newest page). Answered by {@link CustomerTimelineView}.
 */
public record FindCustomerTimelineQuery(CustomerId customerId, int limit, TimelinePosition before) {

    public FindCustomerTimelineQuery {
        Objects.requireNonNull(customerId, "customerId");
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be 1-200, got " + limit);
        }
    }

    /** A place in the timeline order: the last entry of the previous page. */
    public record TimelinePosition(Instant occurredAt, long entryId) {
    }
}
