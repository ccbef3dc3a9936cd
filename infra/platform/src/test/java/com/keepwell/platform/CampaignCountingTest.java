package com.keepwell.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the campaign results count as a refused offer: a refusal that ends the case's chance of an offer (no
 * consent), not a quiet-hours postponement that the offer outlives. Cases are driven through the real aggregate
 * with commands, so the contact policy itself decides; no saga is involved (none was started for these cases).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CampaignCountingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    CommandGateway commands;

    @Test
    void a_postponed_offer_that_goes_out_later_counts_as_sent_and_not_as_refused() {
        String rule = "rule-count-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        CustomerId consenting = register(true, now);
        CustomerId unreachable = register(false, now);

        RetentionCaseId postponedCase = assign(consenting, rule, now);
        LocalTime clock = now.atZone(ZoneOffset.UTC).toLocalTime();
        ContactPolicy quietNow = new ContactPolicy(2, Duration.ofDays(30), Duration.ofDays(7),
                clock.minusHours(1), clock.plusHours(1));
        ContactPolicy neverQuiet = new ContactPolicy(2, Duration.ofDays(30), Duration.ofDays(7),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        commands.sendAndWait(dispatch(consenting, postponedCase, rule, now, quietNow));
        commands.sendAndWait(dispatch(consenting, postponedCase, rule, now.plusSeconds(1), quietNow));
        commands.sendAndWait(dispatch(consenting, postponedCase, rule, now.plusSeconds(2), neverQuiet));

        RetentionCaseId refusedCase = assign(unreachable, rule, now);
        commands.sendAndWait(dispatch(unreachable, refusedCase, rule, now, neverQuiet));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", rule)
                .then().statusCode(200)
                .body("treated.assigned", is(2))
                .body("treated.offersSent", is(1))
                .body("treated.offersRefused", is(1)));
    }

    private CustomerId register(boolean emailConsent, Instant at) {
        CustomerId id = CustomerId.of("c-count-" + UUID.randomUUID().toString().substring(0, 8));
        commands.sendAndWait(new RegisterCustomerCommand(id, StorefrontEventId.of(UUID.randomUUID().toString()), at,
                null, null, null, null, "DE", "UTC", "en", Map.of(ContactChannel.EMAIL, emailConsent)));
        return id;
    }

    private RetentionCaseId assign(CustomerId customer, String rule, Instant at) {
        RetentionCaseId caseId = RetentionCaseId.of("case-" + UUID.randomUUID());
        commands.sendAndWait(new AssignRetentionGroupCommand(customer, caseId, RuleId.of(rule), 1,
                RetentionGroup.TREATMENT, RiskBand.HIGH, RiskScore.of(0.97), at));
        return caseId;
    }

    private static DispatchOfferCommand dispatch(CustomerId customer, RetentionCaseId caseId, String rule, Instant at,
            ContactPolicy policy) {
        return new DispatchOfferCommand(customer, caseId, OfferId.of("offer-" + caseId.value()), RuleId.of(rule), 1,
                Incentive.percentOff("10"), ContactChannel.EMAIL, "10% off", "KEEP-" + caseId.value().hashCode(),
                at.plus(Duration.ofDays(14)), Money.of("5.00", "EUR"), at, policy);
    }
}
