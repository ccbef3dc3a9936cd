package com.keepwell.domain.storefront;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.RecordSupportTicketResolvedCommand;
import com.keepwell.domain.api.TicketId;

/** {@code support_ticket.resolved}: how the ticket ended and, where asked, the customer's satisfaction 1-5. */
public record SupportTicketResolved(
        @NotBlank @Size(max = Limits.ID) String ticketId,
        @NotBlank @Size(max = 64) String resolution,
        @Min(1) @Max(5) Integer satisfaction) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordSupportTicketResolvedCommand(h.customerId(), h.eventId(), h.time(), TicketId.of(ticketId),
                resolution, satisfaction);
    }
}
