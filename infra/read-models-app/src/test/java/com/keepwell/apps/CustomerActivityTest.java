package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * Customer 360 for agents: the timeline (paged), risk over time, offers and what became of them, model monitoring,
 * and the rebuild of every read model from the event store with the same result.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CustomerActivityTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CUSTOMER = "act-" + RUN;
    private static final String MODEL = "monitor-" + RUN;
    private static final Instant T = Instant.parse("2026-04-01T09:00:00Z");
    private static boolean published;

    @Inject
    EventStore eventStore;

    private long sequence;

    private void publish(Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Customer", CUSTOMER, sequence++, event));
    }

    private static Instant day(int d, int hour) {
        return T.plus(Duration.ofDays(d)).plus(Duration.ofHours(hour));
    }

    @BeforeEach
    void history() {
        if (published) {
            return;
        }
        published = true;
        CustomerId id = CustomerId.of(CUSTOMER);
        publish(new CustomerRegisteredEvent(id, StorefrontEventId.of("reg-" + RUN), day(0, 0), "ada@example.com",
                "Ada Lovelace", null, null, "GB", "Europe/London", "en", Map.of(ContactChannel.EMAIL, true)));
        publish(session(id, 1, day(1, 1), 5, 2));
        publish(session(id, 2, day(1, 3), 3, 1));
        publish(session(id, 3, day(2, 1), 4, 4));
        publish(new OrderPlacedEvent(id, StorefrontEventId.of("ord-" + RUN), day(2, 2), OrderId.of("o-" + RUN),
                Money.of("120.00", "GBP"), null, null,
                List.of(new OrderLine(ProductId.of("p-1"), "books", 2, Money.of("60.00", "GBP"))), null));
        publish(new ProductReviewedEvent(id, StorefrontEventId.of("rev-" + RUN), day(5, 0), ProductId.of("p-1"),
                OrderId.of("o-" + RUN), 1, "Pages missing, support never replied.", "en"));
        publish(risk(id, 1, day(10, 0), 0.35, RiskBand.MEDIUM, null));
        publish(risk(id, 2, day(20, 0), 0.72, RiskBand.HIGH, RiskBand.MEDIUM));
        publish(risk(id, 3, day(30, 0), 0.93, RiskBand.CRITICAL, RiskBand.HIGH));
        RetentionCaseId caseId = RetentionCaseId.of("case-" + RUN);
        OfferId offer = OfferId.of("offer-" + RUN);
        publish(new RetentionGroupAssignedEvent(id, caseId, RuleId.of("winback-" + RUN), 1, RetentionGroup.TREATMENT,
                RiskBand.CRITICAL, RiskScore.of(0.93), day(30, 1)));
        publish(new OfferDispatchedEvent(id, caseId, offer, RuleId.of("winback-" + RUN), 1, Incentive.percentOff("15"),
                ContactChannel.EMAIL, "15% off, Ada", "KEEP-" + RUN, day(44, 1), Money.of("6.00", "GBP"), day(30, 2)));
        publish(new OfferFeedbackRecordedEvent(id, offer, "fb-1", ContactChannel.EMAIL, OfferFeedback.OPENED,
                day(30, 5)));
        publish(new OfferFeedbackRecordedEvent(id, offer, "fb-2", ContactChannel.EMAIL, OfferFeedback.DELIVERED,
                day(30, 3)));
        publish(new RetentionOutcomeRecordedEvent(id, caseId, offer, RuleId.of("winback-" + RUN),
                RetentionGroup.TREATMENT, RiskBand.CRITICAL, RetentionOutcome.REDEEMED, true, Money.of("6.00", "GBP"),
                "o-2", day(33, 0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/api/customers/{id}/offers", CUSTOMER).then().statusCode(200)
                    .body("offers[0].outcome", is("REDEEMED"));
            given().get("/api/customers/{id}/timeline", CUSTOMER).then().statusCode(200)
                    .body("entries[0].kind", is("OUTCOME"));
            given().queryParam("days", 366).get("/api/models/monitoring").then().statusCode(200)
                    .body("versions.find { it.modelVersion == '" + MODEL + "' }.assessments", is(3));
        });
    }

    private static SessionRecordedEvent session(CustomerId id, int n, Instant end, int pages, int products) {
        return new SessionRecordedEvent(id, StorefrontEventId.of("s-" + n + "-" + RUN), end,
                SessionId.of("s-" + n + "-" + RUN), end.minusSeconds(600), end, pages, products, List.of(), List.of());
    }

    private static RiskAssessedEvent risk(CustomerId id, int n, Instant asOf, double score, RiskBand band,
            RiskBand previous) {
        return new RiskAssessedEvent(id, "risk-" + n + "-" + RUN, RiskScore.of(score), band, previous, MODEL, "f-1",
                List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 10.0 * n, 0.2,
                        "no order for " + 10 * n + " days")), asOf, asOf.plusSeconds(5));
    }

    @Test
    void the_timeline_pages_newest_first_with_sessions_summarised_per_day() {
        List<String> titles = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/customers/{id}/timeline", CUSTOMER).then().statusCode(200)
                    .body("entries.size()", lessThanOrEqualTo(4)).extract().jsonPath();
            titles.addAll(page.getList("entries.title"));
            kinds.addAll(page.getList("entries.kind"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(kinds).containsExactly("OUTCOME", "OFFER_FEEDBACK", "OFFER_FEEDBACK", "OFFER", "RETENTION", "RISK",
                "RISK", "RISK", "REVIEW", "ORDER", "SESSIONS", "SESSIONS", "ACCOUNT");
        assertThat(titles).contains("2 sessions · 8 page views · 3 product views",
                "1 session · 4 page views · 4 product views", "Risk rose to CRITICAL (93 %)",
                "Offer sent by email: 15% off", "Order o-" + RUN + ": 120.00 GBP, 2 items");
    }

    @Test
    void risk_history_is_oldest_first_with_the_reasons_of_the_time() {
        given().get("/api/customers/{id}/risk", CUSTOMER).then().statusCode(200)
                .body("points.score", contains(0.35f, 0.72f, 0.93f))
                .body("points.band", contains("MEDIUM", "HIGH", "CRITICAL"))
                .body("points[2].reasons[0].text", is("no order for 30 days"));
        given().queryParam("limit", 2).get("/api/customers/{id}/risk", CUSTOMER).then().statusCode(200)
                .body("points.score", contains(0.72f, 0.93f));
    }

    @Test
    void offers_show_the_latest_channel_report_and_the_outcome() {
        given().get("/api/customers/{id}/offers", CUSTOMER).then().statusCode(200)
                .body("offers", hasSize(1))
                .body("offers[0].lastFeedback", is("OPENED"))
                .body("offers[0].incentive.type", is("PERCENT_DISCOUNT"))
                .body("offers[0].outcome", is("REDEEMED"))
                .body("offers[0].cost.amount", is(6.0f));
    }

    @Test
    void the_360_shows_profile_tier_and_current_risk() {
        given().get("/api/customers/{id}", CUSTOMER).then().statusCode(200)
                .body("fullName", is("Ada Lovelace"))
                .body("timeZone", is("Europe/London"))
                .body("tier", is("SILVER"))
                .body("risk.band", is("CRITICAL"))
                .body("lastRetentionOutcome", is("REDEEMED"));
    }

    @Test
    void monitoring_counts_scores_per_day_by_band_and_bucket() {
        JsonPath monitoring = given().queryParam("days", 366).get("/api/models/monitoring").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> days = monitoring.getList("days.findAll { it.modelVersion == '" + MODEL + "' }");
        assertThat(days).hasSize(3);
        assertThat(days.get(0)).containsEntry("day", "2026-04-11").containsEntry("assessments", 1);
        assertThat(days.get(2).get("histogram")).isEqualTo(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        assertThat(days.get(1).get("bands")).isEqualTo(Map.of("HIGH", 1));
        given().queryParam("days", 0).get("/api/models/monitoring").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", is("days"));
    }

    @Test
    void the_console_page_shows_profile_reasons_chart_data_offers_and_timeline() {
        given().accept("text/html").get("/console/customers/{id}", CUSTOMER).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Ada Lovelace"))
                .body(containsString("<li>no order for 30 days</li>"))
                .body(containsString("data-points=\"[{&quot;featuresAsOf&quot;"))
                .body(containsString("Retention case ended: redeemed (kept)"))
                .body(containsString("customer-activity: data as of"));
        JsonPath firstPage = given().queryParam("limit", 4).get("/api/customers/{id}/timeline", CUSTOMER).then()
                .extract().jsonPath();
        given().queryParam("cursor", firstPage.getString("nextCursor"))
                .get("/console/customers/{id}/timeline", CUSTOMER).then().statusCode(200)
                .body(containsString("Retention case opened: offer under rule"))
                .body(not(containsString("Offer sent by email")))
                .body(not(containsString("<html")));
        // a campaign with no holdout case yet: lift and cost per incremental customer are unknown, shown as dashes
        given().get("/console/campaigns").then().statusCode(200)
                .body(containsString("data-rule-id=\"winback-" + RUN + "\""));
        given().get("/console/customers/{id}", "nobody-" + RUN).then().statusCode(404)
                .body(containsString("No event for customer &#39;nobody-" + RUN));
    }

    @Test
    void the_console_says_why_a_customer_has_no_churn_score() {
        CustomerId browser = CustomerId.of("browser-" + RUN);
        CustomerId buyer = CustomerId.of("buyer-" + RUN);
        for (CustomerId id : List.of(browser, buyer)) {
            eventStore.publish(new GenericDomainEventMessage<>("Customer", id.value(), 0,
                    new CustomerRegisteredEvent(id, StorefrontEventId.of("reg-" + id.value()), day(0, 0), null, null,
                            null, null, "GB", "Europe/London", "en", Map.of())));
        }
        eventStore.publish(new GenericDomainEventMessage<>("Customer", browser.value(), 1, session(browser, 9,
                day(1, 1), 3, 2)));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", buyer.value(), 1, new OrderPlacedEvent(buyer,
                StorefrontEventId.of("ord-" + buyer.value()), day(1, 2), OrderId.of("o-" + buyer.value()),
                Money.of("20.00", "GBP"), null, null,
                List.of(new OrderLine(ProductId.of("p-1"), "books", 1, Money.of("20.00", "GBP"))), null)));
        // a registrant who has not ordered is outside the churn model's population; a buyer is scored shortly
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().accept("text/html").get("/console/customers/{id}", browser.value()).then().statusCode(200)
                    .body(containsString("scored after their first order"))
                    .body(not(containsString("Not scored yet")));
            given().accept("text/html").get("/console/customers/{id}", buyer.value()).then().statusCode(200)
                    .body(containsString("Not scored yet"))
                    .body(not(containsString("scored after their first order")));
        });
    }

    @Test
    void unknown_customers_and_foreign_cursors_are_problems() {
        given().get("/api/customers/{id}/timeline", "nobody-" + RUN).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nobody-" + RUN));
        given().get("/api/customers/{id}/offers", "nobody-" + RUN).then().statusCode(404);
        given().queryParam("cursor", "bm9wZQ").get("/api/customers/{id}/timeline", CUSTOMER).then().statusCode(400)
                .body("errors[0].pointer", is("cursor"));
    }

    @Test
    void every_read_model_rebuilt_from_the_event_store_answers_the_same() {
        String summary = given().get("/api/customers/{id}", CUSTOMER).then().statusCode(200).extract().asString();
        List<Object> idsBefore = timelineIds();
        List<Map<String, Object>> timeline = timelineWithoutIds();
        String risk = given().get("/api/customers/{id}/risk", CUSTOMER).then().extract().asString();
        String offers = given().get("/api/customers/{id}/offers", CUSTOMER).then().extract().asString();
        String campaign = given().get("/api/campaigns/{rule}", "winback-" + RUN).then().statusCode(200)
                .extract().asString();
        String monitoring = given().queryParam("days", 366).get("/api/models/monitoring").then().extract().asString();

        for (String projection : List.of("customer-summary", "customer-activity", "campaign-results",
                "model-monitoring")) {
            given().post("/api/admin/projections/{name}/rebuild", projection).then().statusCode(202)
                    .body("name", is(projection));
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/api/admin/projections")
                .then().statusCode(200)
                .body("findAll { it.replaying || it.position < 0 || it.lag > 0 }", empty())
                .body("size()", is(4)));

        assertThat(given().get("/api/customers/{id}", CUSTOMER).then().statusCode(200).extract().asString())
                .isEqualTo(summary);
        assertThat(timelineWithoutIds()).isEqualTo(timeline);
        // the rows were written again (new ids), not left in place
        assertThat(timelineIds()).doesNotContainAnyElementsOf(idsBefore);
        assertThat(given().get("/api/customers/{id}/risk", CUSTOMER).then().extract().asString()).isEqualTo(risk);
        assertThat(given().get("/api/customers/{id}/offers", CUSTOMER).then().extract().asString()).isEqualTo(offers);
        assertThat(given().get("/api/campaigns/{rule}", "winback-" + RUN).then().extract().asString())
                .isEqualTo(campaign);
        assertThat(given().queryParam("days", 366).get("/api/models/monitoring").then().extract().asString())
                .isEqualTo(monitoring);
        given().post("/api/admin/projections/{name}/rebuild", "retention-saga").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/admin/projections/{name}", "customer-activity").then().statusCode(200)
                .body("replaying", is(false)).body("lag", is(0)).body("dataAsOf", notNullValue());
        given().get("/api/admin/projections/{name}", "nope").then().statusCode(404)
                .body("detail", containsString("customer-summary"));
    }

    private List<Object> timelineIds() {
        return given().queryParam("limit", 200).get("/api/customers/{id}/timeline", CUSTOMER).then().statusCode(200)
                .extract().jsonPath().getList("entries.id");
    }

    private List<Map<String, Object>> timelineWithoutIds() {
        List<Map<String, Object>> entries = given().queryParam("limit", 200)
                .get("/api/customers/{id}/timeline", CUSTOMER).then().statusCode(200).extract().jsonPath()
                .getList("entries");
        entries.forEach(e -> e.remove("id"));
        return entries;
    }
}
