package com.keepwell.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.ContactPolicy;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the campaign results count as a refused offer: a refusal that ends the case's chance of an offer (no
 * consent), not a quiet-hours postponement that the offer outlives; and which cases the rates count: those whose
 * outcome window has closed. The cases go through the real aggregate, so the contact policy itself decides
 * ({@link RetentionCases}).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CampaignCountingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    CommandGateway commands;

    @Test
    void a_postponed_offer_that_goes_out_later_counts_as_sent_and_not_as_refused() {
        RetentionCases cases = new RetentionCases(commands);
        String rule = "rule-count-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        CustomerId consenting = cases.register("c-count", true, now);
        CustomerId unreachable = cases.register("c-count", false, now);

        RetentionCaseId postponed = cases.assign(consenting, rule, RetentionGroup.TREATMENT, now);
        LocalTime clock = now.atZone(ZoneOffset.UTC).toLocalTime();
        ContactPolicy quietNow = new ContactPolicy(2, Duration.ofDays(30), Duration.ofDays(7),
                clock.minusHours(1), clock.plusHours(1));
        cases.dispatch(consenting, postponed, rule, now, quietNow);
        cases.dispatch(consenting, postponed, rule, now.plusSeconds(1), quietNow);
        cases.dispatch(consenting, postponed, rule, now.plusSeconds(2), RetentionCases.NEVER_QUIET);

        RetentionCaseId refused = cases.assign(unreachable, rule, RetentionGroup.TREATMENT, now);
        cases.dispatch(unreachable, refused, rule, now, RetentionCases.NEVER_QUIET);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", rule)
                .then().statusCode(200)
                .body("treated.assigned", is(2))
                .body("treated.offersSent", is(1))
                .body("treated.offersRefused", is(1)));
    }

    @Test
    void cases_whose_rule_was_drawn_to_explore_are_counted_in_both_arms_and_in_the_total() {
        RetentionCases cases = new RetentionCases(commands);
        String rule = "rule-explore-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        cases.assign(cases.register("c-explore", true, now), rule, RetentionGroup.TREATMENT, now, true);
        cases.assign(cases.register("c-explore", true, now), rule, RetentionGroup.HOLDOUT, now, true);
        cases.assign(cases.register("c-explore", true, now), rule, RetentionGroup.TREATMENT, now, false);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", rule)
                .then().statusCode(200)
                .body("treated.assigned", is(2))
                .body("holdout.assigned", is(1))
                .body("exploringCases", is(2)));
        int exploringInTotal = given().get("/api/campaigns").then().statusCode(200)
                .extract().path("total.exploringCases");
        assertThat(exploringInTotal).isGreaterThanOrEqualTo(2);
        // the marketers' page says so under the rule's name
        given().get("/console/campaigns").then().statusCode(200)
                .body(containsString("data-rule-id=\"" + rule + "\">" + rule
                        + "</span> <span class=\"meta exploring\">2 exploring</span>"));
    }

    @Test
    void a_case_that_ended_early_counts_in_the_rates_only_once_its_window_has_closed() {
        RetentionCases cases = new RetentionCases(commands);
        String rule = "rule-settle-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Duration window = Duration.ofDays(14);
        // three weeks ago: one treated customer re-ordered, one held-out customer's window expired
        Instant earlier = now.minus(Duration.ofDays(20));
        CustomerId keptEarlier = cases.register("c-settle", true, earlier);
        cases.end(keptEarlier, cases.assign(keptEarlier, rule, RetentionGroup.TREATMENT, earlier), false,
                RetentionOutcome.ORDERED_AGAIN, earlier.plus(Duration.ofDays(2)), earlier.plus(window));
        CustomerId lostEarlier = cases.register("c-settle", true, earlier);
        cases.end(lostEarlier, cases.assign(lostEarlier, rule, RetentionGroup.HOLDOUT, earlier), false,
                RetentionOutcome.EXPIRED, earlier.plus(window), earlier.plus(window));
        // two days ago: a treated customer re-ordered at once; their window runs twelve more days
        Instant recently = now.minus(Duration.ofDays(2));
        CustomerId keptRecently = cases.register("c-settle", true, recently);
        cases.end(keptRecently, cases.assign(keptRecently, rule, RetentionGroup.TREATMENT, recently), false,
                RetentionOutcome.ORDERED_AGAIN, recently.plus(Duration.ofHours(3)), recently.plus(window));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", rule)
                .then().statusCode(200)
                .body("treated.ended", is(2))
                .body("treated.retained", is(2))
                .body("treated.settled", is(1))
                .body("treated.settledRetained", is(1))
                .body("treated.retentionRate", is(1.0f))
                .body("holdout.settled", is(1))
                .body("holdout.retentionRate", is(0.0f))
                .body("lift", is(1.0f)));
    }

    @Test
    void orders_after_the_window_are_counted_once_the_follow_up_has_ended() {
        RetentionCases cases = new RetentionCases(commands);
        String rule = "rule-follow-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Duration window = Duration.ofDays(14);
        Duration followUp = Duration.ofDays(28);
        // fifty days ago: a treated and a held-out customer, both windows expired, follow-ups ended eight days ago;
        // the treated one ordered three weeks after the window, the held-out one did not order again
        Instant earlier = now.minus(Duration.ofDays(50));
        CustomerId stayed = cases.register("c-follow", true, earlier);
        cases.end(stayed, cases.assign(stayed, rule, RetentionGroup.TREATMENT, earlier), false,
                RetentionOutcome.EXPIRED, earlier.plus(window), earlier.plus(window), earlier.plus(window).plus(followUp));
        cases.order(stayed, earlier.plus(window).plus(Duration.ofDays(21)));
        CustomerId left = cases.register("c-follow", true, earlier);
        cases.end(left, cases.assign(left, rule, RetentionGroup.HOLDOUT, earlier), false,
                RetentionOutcome.EXPIRED, earlier.plus(window), earlier.plus(window), earlier.plus(window).plus(followUp));
        // twenty days ago: a treated customer ordered in the window and again after it, but the follow-up runs on
        Instant recently = now.minus(Duration.ofDays(20));
        CustomerId recent = cases.register("c-follow", true, recently);
        RetentionCaseId open = cases.assign(recent, rule, RetentionGroup.TREATMENT, recently);
        cases.order(recent, recently.plus(Duration.ofDays(1)));
        cases.end(recent, open, false, RetentionOutcome.ORDERED_AGAIN, recently.plus(Duration.ofDays(1)),
                recently.plus(window), recently.plus(window).plus(followUp));
        cases.order(recent, now.minus(Duration.ofDays(1)));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", rule)
                .then().statusCode(200)
                .body("treated.settled", is(2))
                .body("treated.settledRetained", is(1))
                .body("followUp.treatedCases", is(1))
                .body("followUp.treatedOrdered", is(1))
                .body("followUp.holdoutCases", is(1))
                .body("followUp.holdoutOrdered", is(0))
                .body("followUp.lift", is(1.0f)));
    }
}
