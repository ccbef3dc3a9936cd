package com.keepwell.domain.storefront;

import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.RecordAccountClosureCommand;

/** {@code account.closed}: the customer closed the account, an explicit churn signal. */
public record AccountClosed(@Size(max = Limits.SHORT_TEXT) String reason) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordAccountClosureCommand(h.customerId(), h.eventId(), h.time(), reason);
    }
}
