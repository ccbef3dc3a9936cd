package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotNull;

import com.keepwell.domain.api.ChangeMarketingConsentCommand;
import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.CustomerCommand;

/** {@code marketing_consent.changed}: one channel granted or withdrawn. */
public record MarketingConsentChanged(
        @NotNull ContactChannel channel,
        @NotNull Boolean granted) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new ChangeMarketingConsentCommand(h.customerId(), h.eventId(), h.time(), channel, granted);
    }
}
