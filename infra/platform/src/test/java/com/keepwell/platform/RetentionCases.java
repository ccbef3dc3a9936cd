package com.keepwell.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;

import com.keepwell.domain.api.*;

/**
 * Retention cases driven straight through the {@code Customer} aggregate with commands, for tests about what the
 * read side makes of them (campaign counts, the console's campaign page). No saga takes part: the saga starts on
 * risk assessments, and these customers come from a country no test rule admits.
 */
final class RetentionCases {

    /** A country no offer rule of the test suite names. */
    static final String COUNTRY = "DE";
    static final ContactPolicy NEVER_QUIET = new ContactPolicy(2, Duration.ofDays(30), Duration.ofDays(7),
            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    private final CommandGateway commands;

    RetentionCases(CommandGateway commands) {
        this.commands = commands;
    }

    CustomerId register(String prefix, boolean emailConsent, Instant at) {
        CustomerId id = CustomerId.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        commands.sendAndWait(new RegisterCustomerCommand(id, StorefrontEventId.of(UUID.randomUUID().toString()), at,
                null, null, null, null, COUNTRY, "UTC", "en", Map.of(ContactChannel.EMAIL, emailConsent)));
        return id;
    }

    RetentionCaseId assign(CustomerId customer, String rule, RetentionGroup group, Instant at) {
        return assign(customer, rule, group, at, false);
    }

    /** Opens a case under {@code rule}; {@code exploring}: its rule drawn at random rather than chosen by value. */
    RetentionCaseId assign(CustomerId customer, String rule, RetentionGroup group, Instant at, boolean exploring) {
        RetentionCaseId caseId = RetentionCaseId.of("case-" + UUID.randomUUID());
        commands.sendAndWait(new AssignRetentionGroupCommand(customer, caseId, RuleId.of(rule), 1, group, RiskBand.HIGH,
                RiskScore.of(0.97), at, exploring));
        return caseId;
    }

    /** Asks the aggregate to dispatch the case's offer (10 % off, 5 EUR per redemption) under {@code policy}. */
    void dispatch(CustomerId customer, RetentionCaseId caseId, String rule, Instant at, ContactPolicy policy) {
        commands.sendAndWait(new DispatchOfferCommand(customer, caseId, offerOf(caseId), RuleId.of(rule), 1,
                Incentive.percentOff("10"), ContactChannel.EMAIL, "10% off your next order", couponOf(caseId),
                at.plus(Duration.ofDays(14)), Money.of("5.00", "EUR"), at, policy));
    }

    void end(CustomerId customer, RetentionCaseId caseId, boolean offered, RetentionOutcome outcome, Instant at) {
        end(customer, caseId, offered, outcome, at, null);
    }

    /** Ends a case whose outcome window ends (or ended) at {@code windowEnds}. */
    void end(CustomerId customer, RetentionCaseId caseId, boolean offered, RetentionOutcome outcome, Instant at,
            Instant windowEnds) {
        end(customer, caseId, offered, outcome, at, windowEnds, null);
    }

    /** Ends a case whose window ends at {@code windowEnds}, the customer followed until {@code followUpEnds}. */
    void end(CustomerId customer, RetentionCaseId caseId, boolean offered, RetentionOutcome outcome, Instant at,
            Instant windowEnds, Instant followUpEnds) {
        commands.sendAndWait(new RecordRetentionOutcomeCommand(customer, caseId, offered ? offerOf(caseId) : null,
                outcome, outcome == RetentionOutcome.EXPIRED ? null : "o-" + caseId.value(), at, windowEnds,
                followUpEnds));
    }

    /** Records an order of the customer placed at {@code at}. */
    void order(CustomerId customer, Instant at) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordOrderCommand(customer, StorefrontEventId.of("e-" + id), at, OrderId.of("o-" + id),
                Money.of("30.00", "EUR"), null, null, java.util.List.of(), null));
    }

    private static OfferId offerOf(RetentionCaseId caseId) {
        return OfferId.of("offer-" + caseId.value());
    }

    private static String couponOf(RetentionCaseId caseId) {
        return "KEEP-" + Integer.toHexString(caseId.value().hashCode()).toUpperCase();
    }
}
