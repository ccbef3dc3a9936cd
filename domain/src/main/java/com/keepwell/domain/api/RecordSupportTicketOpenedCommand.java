package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a customer opened a support ticket. */
public record RecordSupportTicketOpenedCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        TicketId ticketId,
        String category,
        String channel,
        @PersonalData String text,
        String language) implements CustomerCommand {
}
