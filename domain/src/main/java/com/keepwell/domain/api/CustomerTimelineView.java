package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

/** One page of a customer's timeline, newest first; {@code next} is null on the last page. */
public record CustomerTimelineView(List<Entry> entries, FindCustomerTimelineQuery.TimelinePosition next) {

    /**
     * Something that happened to or with the customer, in words an agent reads at a glance ({@code title}) with the
     * particulars beneath ({@code detail}, may be null). Sessions of one day are summarised in one entry.
     */
    public record Entry(long id, Instant occurredAt, TimelineKind kind, String title, String detail) {
    }
}
