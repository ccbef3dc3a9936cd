package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.PersonalData;
import com.keepwell.domain.api.RecordSupportTicketOpenedCommand;
import com.keepwell.domain.api.TicketId;

/** {@code support_ticket.opened}: not in Segment's e-commerce spec; the help desk sends it. */
public record SupportTicketOpened(
        @NotBlank @Size(max = Limits.ID) String ticketId,
        @Size(max = 64) String category,
        @Size(max = 32) String channel,
        @PersonalData @Size(max = Limits.FREE_TEXT) String text,
        @Size(max = 16) String language) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordSupportTicketOpenedCommand(h.customerId(), h.eventId(), h.time(), TicketId.of(ticketId),
                category, channel, text, language);
    }
}
