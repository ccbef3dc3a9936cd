package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer opened a support ticket. */
@Revision("1")
public record SupportTicketOpenedEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        TicketId ticketId,
        String category,
        String channel,
        @PersonalData String text,
        String language) implements CustomerEvent {
}
