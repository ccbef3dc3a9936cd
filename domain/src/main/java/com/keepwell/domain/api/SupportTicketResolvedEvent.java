package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A support ticket was closed. */
@Revision("1")
public record SupportTicketResolvedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        TicketId ticketId,
        String resolution,
        Integer satisfaction) implements CustomerEvent {
}
