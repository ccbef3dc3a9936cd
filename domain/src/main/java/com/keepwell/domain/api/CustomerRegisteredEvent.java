package com.keepwell.domain.api;

import java.time.Instant;
import java.util.Map;

import org.axonframework.serialization.Revision;

/** A customer opened an account. */
@Revision("1")
public record CustomerRegisteredEvent(
        CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        @PersonalData String email,
        @PersonalData String fullName,
        @PersonalData String phone,
        Address address,
        String country,
        String timeZone,
        String language,
        Map<ContactChannel, Boolean> consents) implements CustomerEvent {
}
