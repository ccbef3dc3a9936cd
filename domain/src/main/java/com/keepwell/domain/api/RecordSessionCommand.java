package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records one condensed browsing session (many page and product views). */
public record RecordSessionCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        SessionId sessionId,
        Instant startedAt,
        Instant endedAt,
        int pageViews,
        int productViews,
        List<ProductId> productsViewed,
        List<String> categoriesViewed) implements CustomerCommand {
}
