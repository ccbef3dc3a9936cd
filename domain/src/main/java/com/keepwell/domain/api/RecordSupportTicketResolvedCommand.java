package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records how a support ticket was closed, with the customer's satisfaction (1-5) where asked. */
public record RecordSupportTicketResolvedCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        TicketId ticketId,
        String resolution,
        Integer satisfaction) implements CustomerCommand {
}
