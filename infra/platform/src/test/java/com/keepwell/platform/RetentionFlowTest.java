package com.keepwell.platform;

import com.keepwell.infra.testing.TestKafka;
import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.*;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The whole retention loop through the real broker: a customer gone quiet is scored at risk, the saga offers the
 * one rule that admits them, the offer is read back from {@code retention.offers}, the customer orders with the
 * coupon, and the case ends as redeemed. A second customer who does nothing ends as expired when the (persistent)
 * outcome window passes. Channel feedback comes back through {@code retention.outcomes}.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventStore eventStore;

    private static List<Map<String, Object>> goneQuiet(String customer, String country) {
        Instant now = Instant.now();
        return List.of(
                event(newId(), "customer.registered", customer, now.minus(Duration.ofDays(300)), Map.of(
                        "email", "quiet@example.com", "country", country, "timeZone", "Atlantic/Reykjavik",
                        "marketingConsent", Map.of("EMAIL", true))),
                event(newId(), "order.completed", customer, now.minus(Duration.ofDays(200)), Map.of(
                        "orderId", "o-1", "total", "35.00", "currency", "EUR", "products",
                        List.of(Map.of("productId", "p-1", "category", "books", "quantity", 1, "price", "35.00")))));
    }

    private void send(String customer, List<Map<String, Object>> events) throws Exception {
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            for (Map<String, Object> e : events) {
                producer.send(new ProducerRecord<>("storefront.events", customer, json(e))).get();
            }
        }
    }

    private String createRule(String country, double holdoutShare) {
        Map<String, Object> rule = OfferRulesApiTest.rule("Iceland win-back " + country);
        rule.put("eligibility", "risk_band in ['HIGH', 'CRITICAL'] && country == '" + country + "'"
                + " && consents['EMAIL'] && days_since_last_order > 90");
        rule.put("holdoutShare", holdoutShare);
        rule.put("priorKeptProbability", 0.5);
        return given().contentType(ContentType.JSON).body(rule).post("/api/rules")
                .then().statusCode(201).extract().path("ruleId");
    }

    private <T> List<T> customerEvents(String customer, Class<T> type) {
        List<T> found = new ArrayList<>();
        eventStore.readEvents(customer).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(type::isInstance)
                .map(type::cast)
                .forEach(found::add);
        return found;
    }

    private JsonNode offerFor(KafkaConsumer<String, String> consumer, String customer) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (customer.equals(r.key())) {
                    seen.add(JSON.readTree(r.value()));
                }
            }
            return !seen.isEmpty();
        });
        return seen.get(0);
    }

    @Test
    void an_at_risk_customer_gets_an_offer_redeems_it_and_the_case_ends_redeemed() throws Exception {
        String customer = newCustomer();
        String ruleId = createRule("IS", 0.0);
        try (KafkaConsumer<String, String> offers = TestKafka.consumer(bootstrapServers)) {
            offers.subscribe(List.of("retention.offers"));
            send(customer, goneQuiet(customer, "IS"));

            JsonNode offer = offerFor(offers, customer);
            assertThat(offer.path("type").asText()).isEqualTo("retention.offer.dispatched");
            assertThat(offer.path("subject").asText()).isEqualTo(customer);
            JsonNode data = offer.path("data");
            assertThat(offer.path("id").asText()).isEqualTo(data.path("offerId").asText());
            assertThat(data.path("ruleId").asText()).isEqualTo(ruleId);
            assertThat(data.path("incentive").asText()).isEqualTo("PERCENT_DISCOUNT");
            assertThat(data.path("message").asText()).contains("15% off").contains(data.path("couponCode").asText());

            RetentionGroupAssignedEvent assigned = customerEvents(customer, RetentionGroupAssignedEvent.class).get(0);
            assertThat(assigned.group()).isEqualTo(RetentionGroup.TREATMENT);
            assertThat(assigned.ruleId().value()).isEqualTo(ruleId);

            // the channel provider reports delivery and opening; the customer then orders with the coupon
            String offerId = data.path("offerId").asText();
            try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
                for (String feedback : List.of("delivered", "opened")) {
                    producer.send(new ProducerRecord<>("retention.outcomes", customer, json(Map.of(
                            "specversion", "1.0", "id", offerId + "-" + feedback, "source", "/test-provider",
                            "type", "retention.offer." + feedback, "time", Instant.now().toString(),
                            "subject", customer, "data", Map.of("offerId", offerId, "channel", "EMAIL"))))).get();
                }
            }
            send(customer, List.of(event(newId(), "order.completed", customer, Instant.now(), Map.of(
                    "orderId", "o-2", "total", "40.00", "currency", "EUR", "coupon", data.path("couponCode").asText(),
                    "products", List.of(Map.of("productId", "p-2", "category", "books", "quantity", 1,
                            "price", "40.00"))))));

            RetentionOutcomeRecordedEvent outcome = await().atMost(PATIENCE).until(
                    () -> customerEvents(customer, RetentionOutcomeRecordedEvent.class).stream().findFirst(),
                    Optional::isPresent).get();
            assertThat(outcome.outcome()).isEqualTo(RetentionOutcome.REDEEMED);
            assertThat(outcome.retained()).isTrue();
            assertThat(outcome.offerId().value()).isEqualTo(offerId);
            assertThat(outcome.cost().amount()).isEqualByComparingTo("6.50");
            assertThat(outcome.cost().currency()).isEqualTo("EUR");
            assertThat(outcome.triggeredBy()).isEqualTo("o-2");
            await().atMost(PATIENCE).until(() -> customerEvents(customer, OfferFeedbackRecordedEvent.class).size() == 2);

            // the campaign result of the rule counts the case: treated, offer sent, redeemed, its cost
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", ruleId)
                    .then().statusCode(200)
                    .body("ruleId", is(ruleId))
                    .body("treated.assigned", is(1))
                    .body("treated.offersSent", is(1))
                    .body("treated.ended", is(1))
                    .body("treated.redeemed", is(1))
                    .body("treated.retentionRate", is(1.0f))
                    .body("holdout.ended", is(0))
                    .body("cost", is(6.5f))
                    .body("lift", nullValue()));
            given().get("/api/campaigns").then().statusCode(200).body("rules.ruleId", hasItem(ruleId));
            // and the agent's view of the customer: one offer received, none open now, the case redeemed
            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                    .then().statusCode(200)
                    .body("offersReceived", is(1))
                    .body("openOffer", nullValue())
                    .body("lastRetentionOutcome", is("REDEEMED")));
        }
    }

    @Test
    void results_of_a_rule_without_cases_are_a_404_problem() {
        given().get("/api/campaigns/{id}", "rule-without-cases")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("rule-without-cases"));
    }

    @Test
    void a_silent_customer_in_the_holdout_ends_expired_when_the_window_passes() throws Exception {
        String customer = newCustomer();
        createRule("FO", 0.5);
        String holdoutCustomer = customer;
        send(holdoutCustomer, goneQuiet(holdoutCustomer, "FO"));
        RetentionGroupAssignedEvent assigned = await().atMost(PATIENCE).until(
                () -> customerEvents(holdoutCustomer, RetentionGroupAssignedEvent.class).stream().findFirst(),
                Optional::isPresent).get();
        // whichever arm the hash put it in, nothing happens, and the outcome window (20 s in tests) ends the case
        RetentionOutcomeRecordedEvent outcome = await().atMost(PATIENCE).until(
                () -> customerEvents(holdoutCustomer, RetentionOutcomeRecordedEvent.class).stream().findFirst(),
                Optional::isPresent).get();
        assertThat(outcome.outcome()).isEqualTo(RetentionOutcome.EXPIRED);
        assertThat(outcome.retained()).isFalse();
        assertThat(outcome.group()).isEqualTo(assigned.group());
        if (assigned.group() == RetentionGroup.HOLDOUT) {
            assertThat(outcome.offerId()).isNull();
            assertThat(customerEvents(holdoutCustomer, OfferDispatchedEvent.class)).isEmpty();
        } else {
            assertThat(outcome.cost().amount()).isEqualByComparingTo("0");
        }
        assertThat(Duration.between(assigned.assignedAt(), outcome.occurredAt())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(19));
    }

    @Test
    void channel_feedback_that_cannot_be_recorded_goes_to_the_dead_letter_topic_with_the_reason() throws Exception {
        String unknownOffer = json(Map.of("specversion", "1.0", "id", "fb-" + newId(), "source", "/test-provider",
                "type", "retention.offer.opened", "time", Instant.now().toString(), "subject", newCustomer(),
                "data", Map.of("offerId", "offer-never-sent", "channel", "EMAIL")));
        String unreadable = "{\"type\":\"retention.offer.opened\",";
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers);
                KafkaConsumer<String, String> dlq = TestKafka.consumer(bootstrapServers)) {
            producer.send(new ProducerRecord<>("retention.outcomes", "dlq-test", unknownOffer)).get();
            producer.send(new ProducerRecord<>("retention.outcomes", "dlq-test", unreadable)).get();
            dlq.subscribe(List.of("retention.outcomes.dlq"));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(200))) {
                    if ("dlq-test".equals(r.key())) {
                        dead.add(r);
                    }
                }
                return dead.size() == 2;
            });
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(unknownOffer, unreadable);
            assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull());
        }
    }

    @Test
    void dry_run_reaches_the_customers_a_rule_admits_now_on_a_channel_they_consented_to() throws Exception {
        String customer = newCustomer();
        send(customer, goneQuiet(customer, "GL"));
        await().atMost(PATIENCE).until(() -> !customerEvents(customer, RiskAssessedEvent.class).isEmpty());
        Map<String, Object> rule = OfferRulesApiTest.rule("Greenland");
        // the retention context counted the order's items by category
        rule.put("eligibility", "country == 'GL' && top_category == 'books' && category_share['books'] == 1.0"
                + " && order_count == 1 && avg_order_value == 35.0");
        rule.put("holdoutShare", 0.0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(rule).post("/api/rules/dry-run")
                        .then().statusCode(200)
                        .body("reach", is(1))
                        .body("expectedTreated", is(1))
                        .body("expectedCost", is(1.95f)));
        // by SMS, to which the customer never consented, the rule reaches no one
        rule.put("channel", "SMS");
        given().contentType(ContentType.JSON).body(rule).post("/api/rules/dry-run")
                .then().statusCode(200)
                .body("reach", is(0));
    }
}
