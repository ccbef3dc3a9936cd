package com.keepwell.domain.api;

import java.time.Instant;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a customer's account and profile; consents not named are unknown, not refused. */
public record RegisterCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        StorefrontEventId sourceEventId,
        Instant occurredAt,
        @PersonalData String email,
        @PersonalData String fullName,
        @PersonalData String phone,
        Address address,
        String country,
        String timeZone,
        String language,
        Map<ContactChannel, Boolean> consents) implements CustomerCommand {
}
