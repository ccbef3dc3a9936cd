package com.keepwell.domain.storefront;

import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.RecordSignInCommand;

/** {@code customer.signed_in} (Segment: Signed In). */
public record CustomerSignedIn(@Size(max = 64) String device) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordSignInCommand(h.customerId(), h.eventId(), h.time(), device);
    }
}
