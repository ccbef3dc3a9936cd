package com.keepwell.domain.api;

/** A postal address; every line but the country identifies a person. */
public record Address(
        @PersonalData String line1,
        @PersonalData String line2,
        @PersonalData String city,
        @PersonalData String postalCode,
        String region,
        String country) {
}
