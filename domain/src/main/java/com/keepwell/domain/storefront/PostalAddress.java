package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.Address;
import com.keepwell.domain.api.PersonalData;

/** A postal address as the storefront sends it; {@code country} is ISO 3166-1 alpha-2. */
public record PostalAddress(
        @PersonalData @NotBlank @Size(max = Limits.SHORT_TEXT) String line1,
        @PersonalData @Size(max = Limits.SHORT_TEXT) String line2,
        @PersonalData @NotBlank @Size(max = Limits.SHORT_TEXT) String city,
        @PersonalData @Size(max = 32) String postalCode,
        @Size(max = Limits.SHORT_TEXT) String region,
        @NotBlank @Pattern(regexp = Limits.COUNTRY, message = "must be an ISO 3166-1 alpha-2 code such as DE") String country) {

    Address toAddress() {
        return new Address(line1, line2, city, postalCode, region, country);
    }

    static Address toAddress(PostalAddress address) {
        return address == null ? null : address.toAddress();
    }
}
