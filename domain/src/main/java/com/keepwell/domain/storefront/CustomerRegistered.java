package com.keepwell.domain.storefront;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.PersonalData;
import com.keepwell.domain.api.RegisterCustomerCommand;

/** {@code customer.registered} (Segment: Signed Up). */
public record CustomerRegistered(
        @PersonalData @NotBlank @Email @Size(max = Limits.SHORT_TEXT) String email,
        @PersonalData @Size(max = Limits.SHORT_TEXT) String fullName,
        @PersonalData @Size(max = 32) String phone,
        @Valid PostalAddress address,
        @NotBlank @Pattern(regexp = Limits.COUNTRY, message = "must be an ISO 3166-1 alpha-2 code such as DE") String country,
        @Size(max = 64) String timeZone,
        @Size(max = 16) String language,
        Map<ContactChannel, Boolean> marketingConsent) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RegisterCustomerCommand(h.customerId(), h.eventId(), h.time(), email, fullName, phone,
                PostalAddress.toAddress(address), country, timeZone, language,
                marketingConsent == null ? Map.of() : Map.copyOf(marketingConsent));
    }
}
