package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The agents' at-risk worklist: filters, risk order, cursor paging, and clear errors. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class WorklistTest {

    /** A country no other test uses, so the worklist here holds only this test's customers. */
    private static final String COUNTRY = "AQ";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    EventStore eventStore;

    private String customer(int i) {
        return "wl-" + RUN + "-" + i;
    }

    private void atRisk(int i, double score, RiskBand band, String reason, boolean closed) {
        CustomerId id = CustomerId.of(customer(i));
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 0, new CustomerRegisteredEvent(id,
                StorefrontEventId.of("reg-" + id.value()), t, "x@example.com", null, null, null, COUNTRY, null, null,
                Map.of())));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 1, new RiskAssessedEvent(id,
                "a-" + id.value(), RiskScore.of(score), band, null, "m", "f",
                List.of(new RiskReason(reason, "f", 1.0, 0.5, "words for " + reason)), t, t)));
        if (closed) {
            eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 2, new AccountClosedEvent(id,
                    StorefrontEventId.of("close-" + id.value()), t, "gone")));
        }
    }

    private void order(int i, String at, String amount) {
        CustomerId id = CustomerId.of(customer(i));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 2, new OrderPlacedEvent(id,
                StorefrontEventId.of("order-" + id.value()), Instant.parse(at), OrderId.of("o-" + id.value()),
                Money.of(amount, "EUR"), null, null, List.of(), null)));
    }

    private static boolean published;

    /** Once per run (REST Assured knows the port only once a test runs, so not in a @BeforeAll). */
    @BeforeEach
    void customers() {
        if (published) {
            return;
        }
        published = true;
        atRisk(1, 0.99, RiskBand.CRITICAL, "NO_RECENT_ORDER", false);
        atRisk(2, 0.95, RiskBand.HIGH, "NEGATIVE_REVIEW_TONE", false);
        atRisk(3, 0.95, RiskBand.HIGH, "NO_RECENT_ORDER", false);
        atRisk(4, 0.90, RiskBand.MEDIUM, "NO_RECENT_ORDER", false);
        atRisk(5, 0.40, RiskBand.LOW, "NO_RECENT_ORDER", false);
        atRisk(6, 0.999, RiskBand.CRITICAL, "NO_RECENT_ORDER", true);
        CustomerId second = CustomerId.of(customer(2));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", second.value(), 2, new OrderPlacedEvent(second,
                StorefrontEventId.of("order-" + second.value()), Instant.parse("2026-02-20T10:00:00Z"),
                OrderId.of("o-" + second.value()), Money.of("450.00", "EUR"), null, null, List.of(), null)));
        CustomerId third = CustomerId.of(customer(3));
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        eventStore.publish(new GenericDomainEventMessage<>("Customer", third.value(), 2, new OfferDispatchedEvent(third,
                RetentionCaseId.of("case-" + third.value()), OfferId.of("offer-" + third.value()), RuleId.of("rule-1"),
                1, Incentive.of(IncentiveType.FREE_SHIPPING), ContactChannel.EMAIL, "free shipping", "KEEP-3",
                t.plus(Duration.ofDays(14)), Money.of("4.50", "EUR"), t)));
        // lifetime values for value at risk: customer 4 a month's 100 EUR, customer 5 200 EUR over half a year
        order(4, "2026-02-01T10:00:00Z", "100.00");
        order(5, "2025-09-02T10:00:00Z", "200.00");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("country", COUNTRY)
                .queryParam("hasOpenOffer", true).get("/api/customers").then().statusCode(200).body("items", hasSize(1)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("country", COUNTRY)
                .queryParam("tier", "GOLD").get("/api/customers").then().statusCode(200).body("items", hasSize(1)));
    }

    @Test
    void lists_open_accounts_by_risk_highest_first_ties_by_id() {
        given().queryParam("country", COUNTRY).get("/api/customers")
                .then().statusCode(200)
                .body("items.customerId", contains(customer(1), customer(2), customer(3), customer(4), customer(5)))
                .body("items[0].band", is("CRITICAL"))
                .body("items[0].reasons", contains("words for NO_RECENT_ORDER"))
                .body("nextCursor", nullValue());
        given().queryParam("country", COUNTRY).queryParam("sort", "-risk").get("/api/customers")
                .then().statusCode(200)
                .body("items.customerId", contains(customer(5), customer(4), customer(2), customer(3), customer(1)));
    }

    @Test
    void lists_by_value_at_risk_the_score_times_a_years_value_if_kept() {
        // a year's value = lifetime value / tenure (at least 30 days) × 365, tenure as of the assessment (2026-03-01):
        // customer 2: 450 EUR, 9 days → 30; × 0.95 = 5,201.25. Customer 4: 100 EUR, 28 days → 30; × 0.90 = 1,095.
        // Customer 5: 200 EUR over 180 days; × 0.40 = 162.22. Customers 1 and 3 have bought nothing.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("country", COUNTRY)
                .queryParam("sort", "valueAtRisk").get("/api/customers").then().statusCode(200)
                .body("items.customerId", contains(customer(2), customer(4), customer(5), customer(1), customer(3))));
        given().queryParam("country", COUNTRY).queryParam("sort", "valueAtRisk").get("/api/customers")
                .then().statusCode(200)
                // the SQL column and the retention service's definition agree
                .body("items[0].valueAtRisk", is((float) (0.95 * CustomerValue.yearIfKept(450, 9))))
                .body("items[1].valueAtRisk", is((float) (0.90 * CustomerValue.yearIfKept(100, 28))))
                .body("items[2].valueAtRisk", is(162.22f))
                .body("items[3].valueAtRisk", is(0.0f));
        given().queryParam("country", COUNTRY).queryParam("sort", "-valueAtRisk").get("/api/customers")
                .then().statusCode(200)
                .body("items.customerId", contains(customer(1), customer(3), customer(5), customer(4), customer(2)));

        JsonPath first = given().queryParam("country", COUNTRY).queryParam("sort", "valueAtRisk").queryParam("limit", 3)
                .get("/api/customers").then().statusCode(200)
                .body("items.customerId", contains(customer(2), customer(4), customer(5))).extract().jsonPath();
        given().queryParam("country", COUNTRY).queryParam("sort", "valueAtRisk").queryParam("limit", 3)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(1), customer(3)))
                .body("nextCursor", nullValue());
        // a cursor of one order is not read as a position in another
        given().queryParam("country", COUNTRY).queryParam("limit", 3)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", is("cursor")).body("detail", containsString("by value at risk"));

        String rows = given().queryParam("country", COUNTRY).queryParam("sort", "valueAtRisk")
                .get("/console/worklist/rows").then().statusCode(200)
                .body(containsString("5201.25"), containsString("1095.00")).extract().asString();
        assertThat(rows.indexOf(customer(4))).isLessThan(rows.indexOf(customer(1)));
        // the customer 360 shows the same figure
        given().get("/api/customers/{id}", customer(2)).then().statusCode(200)
                .body("risk.valueAtRisk", is(5201.25f));
        given().get("/console/customers/{id}", customer(2)).then().statusCode(200)
                .body(containsString("Value at risk <strong>5201.25</strong>"));
        given().queryParam("sort", "valueAtRisk").get("/console/worklist").then().statusCode(200)
                .body(containsString("<option value=\"valueAtRisk\" selected>highest value at risk first</option>"));
    }

    @Test
    void filters_by_band_and_reason() {
        given().queryParam("country", COUNTRY).queryParam("band", "HIGH").queryParam("band", "critical")
                .get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(1), customer(2), customer(3)));
        given().queryParam("country", COUNTRY).queryParam("reason", "NEGATIVE_REVIEW_TONE").get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(2)));
        given().queryParam("country", COUNTRY).queryParam("hasOpenOffer", true).get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(3)));
        given().queryParam("country", COUNTRY).queryParam("tier", "gold").get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(2)))
                .body("items[0].tier", is("GOLD"));
        given().queryParam("country", COUNTRY).queryParam("tier", "BRONZE").queryParam("tier", "SILVER")
                .get("/api/customers")
                .then().statusCode(200)
                .body("items.customerId", contains(customer(1), customer(3), customer(4), customer(5)));
        given().queryParam("country", COUNTRY).queryParam("hasOpenOffer", false).get("/api/customers")
                .then().statusCode(200)
                .body("items.customerId", contains(customer(1), customer(2), customer(4), customer(5)));
        given().get("/api/customers/{id}", customer(3))
                .then().statusCode(200)
                .body("offersReceived", is(1))
                .body("openOffer.incentive", is("FREE_SHIPPING"))
                .body("openOffer.couponCode", is("KEEP-3"));
    }

    @Test
    void pages_with_a_cursor_without_repeats_or_gaps() {
        JsonPath first = given().queryParam("country", COUNTRY).queryParam("limit", 2).get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(1), customer(2)))
                .body("nextCursor", notNullValue()).extract().jsonPath();
        JsonPath second = given().queryParam("country", COUNTRY).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(3), customer(4)))
                .extract().jsonPath();
        given().queryParam("country", COUNTRY).queryParam("limit", 2)
                .queryParam("cursor", second.getString("nextCursor")).get("/api/customers")
                .then().statusCode(200).body("items.customerId", contains(customer(5)))
                .body("nextCursor", nullValue());
    }

    @Test
    void an_assessment_of_imported_history_says_so_on_the_worklist_and_the_customer_360() {
        CustomerId id = CustomerId.of("wl-history-" + RUN);
        Instant past = Instant.parse("2025-06-01T10:00:00Z");
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 0, new CustomerRegisteredEvent(id,
                StorefrontEventId.of("reg-" + id.value()), past.minus(Duration.ofDays(90)), "x@example.com", null,
                null, null, "HQ", null, null, Map.of())));
        // scored while an import was running: as of the time the import had reached, marked historical
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 1, new RiskAssessedEvent(id,
                "a-" + id.value(), RiskScore.of(0.97), RiskBand.HIGH, null, "m", "f",
                List.of(new RiskReason("NO_RECENT_ORDER", "f", 1.0, 0.5, "no order for 90 days")), past,
                Instant.now(), true, false)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("country", "HQ")
                .get("/api/customers").then().statusCode(200)
                .body("items.customerId", contains(id.value()))
                .body("items[0].historical", is(true))
                .body("items[0].featuresAsOf", is(past.toString())));
        given().queryParam("country", "HQ").get("/console/worklist/rows").then().statusCode(200)
                .body(containsString("imported history, as of 2025-06-01"));
        given().get("/api/customers/{id}", id.value()).then().statusCode(200).body("risk.historical", is(true));
        given().get("/console/customers/{id}", id.value()).then().statusCode(200)
                .body(containsString("Imported history: this is where the customer stood on 2025-06-01"));

        // the first assessment of the present replaces it, and the flag goes
        eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 2, new RiskAssessedEvent(id,
                "b-" + id.value(), RiskScore.of(0.96), RiskBand.HIGH, RiskBand.HIGH, "m", "f", List.of(),
                Instant.now(), Instant.now(), false, true)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("country", "HQ")
                .get("/api/customers").then().statusCode(200).body("items[0].historical", is(false)));
        given().queryParam("country", "HQ").get("/console/worklist/rows").then().statusCode(200)
                .body(not(containsString("imported history")));
    }

    @Test
    void bad_parameters_are_problems_naming_the_parameter() {
        given().queryParam("band", "SEVERE").get("/api/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", is("band")).body("detail", containsString("SEVERE"));
        given().queryParam("cursor", "not-a-cursor").get("/api/customers")
                .then().statusCode(400).body("errors[0].pointer", is("cursor"));
        given().queryParam("limit", 0).get("/api/customers")
                .then().statusCode(400).body("errors[0].pointer", is("limit"));
        given().queryParam("tier", "DIAMOND").get("/api/customers")
                .then().statusCode(400).body("errors[0].pointer", is("tier")).body("detail", containsString("GOLD"));
        // not a number: JAX-RS would answer 404 "not found"; it is a bad request naming the parameter
        given().queryParam("limit", "abc").get("/api/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", is("limit")).body("detail", containsString("'abc'"));
        given().queryParam("days", "a week").get("/api/models/monitoring")
                .then().statusCode(400).body("errors[0].pointer", is("days"));
        // a yes/no that is neither true nor false is refused, not read as false
        given().queryParam("hasOpenOffer", "yes").get("/api/customers")
                .then().statusCode(400).body("errors[0].pointer", is("hasOpenOffer"));
        given().queryParam("sort", "name").get("/api/customers")
                .then().statusCode(400).body("errors[0].pointer", is("sort"))
                .body("detail", containsString("valueAtRisk"));
    }
}
