package com.keepwell.platform;

import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.infra.testing.TestKafka;
import com.keepwell.scoring.serving.CustomerFeatureProcessor;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Retention acting on replayed history (the embedded platform's simulated shop), through the running saga, its
 * persistent deadlines and the ingestion: a case opened on an assessment of history is dispatched as of the time
 * it describes, an old order inside its window ends it at the order's time, and a silent customer's window ends
 * only once the replay has gone past it, at the window's end in storefront time (not when the deadline fired).
 * Scoring's feature processor does not run here: the assessments of history are recorded by the test, as scoring
 * would record them during an import, so no assessment of the present gets in between.
 */
@QuarkusTest
@TestProfile(RetentionOnHistoryTest.ActingOnHistory.class)
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionOnHistoryTest {

    public static class ActingOnHistory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keepwell.retention.act-on-history", "true",
                    // only this test's history is old enough to move the history clock: other tests' orders, months
                    // old and perhaps still being read when this application starts, must not look like its replay
                    "keepwell.retention.history-lag", "1000d",
                    "keepwell.axon.processors.disabled", CustomerFeatureProcessor.NAME,
                    // the rule's validity decides the window, as in the embedded platform
                    "keepwell.retention.outcome-window-override", "14d");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String COUNTRY = "HX";
    /** Where the replay stands when the cases open: older than the profile's history lag. */
    private static final Instant H = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1300));
    private static final Duration WINDOW = Duration.ofDays(14);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventStore eventStore;

    @Inject
    CommandGateway commands;

    private void send(String customer, Map<String, Object> event) throws Exception {
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>("storefront.events", customer, json(event))).get();
        }
    }

    private String registeredLongAgo() throws Exception {
        String customer = newCustomer();
        send(customer, event(newId(), "customer.registered", customer, H.minus(Duration.ofDays(100)), Map.of(
                "email", "past@example.com", "country", COUNTRY, "timeZone", "UTC",
                "marketingConsent", Map.of("EMAIL", true))));
        await().atMost(PATIENCE).until(() -> !events(customer, CustomerRegisteredEvent.class).isEmpty());
        return customer;
    }

    private Map<String, Object> orderAt(String customer, Instant at) {
        return event(newId(), "order.completed", customer, at, Map.of("orderId", "o-" + UUID.randomUUID(),
                "total", "30.00", "currency", "EUR",
                "products", List.of(Map.of("productId", "p-1", "category", "books", "quantity", 1, "price", "30.00"))));
    }

    /** What scoring records for a customer being imported: HIGH, as of the time the import has reached. */
    private void assessedOnHistory(String customer) {
        commands.sendAndWait(new RecordRiskAssessmentCommand(CustomerId.of(customer), "a-" + UUID.randomUUID(),
                RiskScore.of(0.96), RiskBand.HIGH, "churn-default-v1", "test", List.of(new RiskReason("NO_RECENT_ORDER",
                        "days_since_last_order", 100.0, 0.5, "no order for 100 days")), H, Instant.now(), true));
    }

    private <T> List<T> events(String customer, Class<T> type) {
        List<T> found = new ArrayList<>();
        eventStore.readEvents(customer).asStream().map(DomainEventMessage::getPayload).filter(type::isInstance)
                .map(type::cast).forEach(found::add);
        return found;
    }

    private <T> T first(String customer, Class<T> type) {
        return await().atMost(PATIENCE).until(() -> events(customer, type).stream().findFirst(), Optional::isPresent)
                .get();
    }

    @Test
    void a_case_on_history_runs_on_the_history_s_time() throws Exception {
        Map<String, Object> rule = OfferRulesApiTest.rule("History " + UUID.randomUUID());
        rule.put("eligibility", "country == '" + COUNTRY + "'");
        rule.put("holdoutShare", 0.0);
        rule.put("validityDays", (int) WINDOW.toDays());
        rule.put("priorKeptProbability", 0.5);
        given().contentType(ContentType.JSON).body(rule).post("/api/rules").then().statusCode(201);
        String orders = registeredLongAgo();
        String silent = registeredLongAgo();
        String other = registeredLongAgo();

        assessedOnHistory(orders);
        assessedOnHistory(silent);
        OfferDispatchedEvent offer = first(orders, OfferDispatchedEvent.class);
        assertThat(offer.dispatchedAt()).as("dispatched as of the time the assessment describes").isEqualTo(H);
        assertThat(offer.validUntil()).isEqualTo(H.plus(WINDOW));
        assertThat(first(silent, OfferDispatchedEvent.class).validUntil()).isEqualTo(H.plus(WINDOW));

        // the replay goes on: an order three days into the window ends that case, at the order's time
        Instant ordered = H.plus(Duration.ofDays(3));
        send(orders, orderAt(orders, ordered));
        RetentionOutcomeRecordedEvent kept = first(orders, RetentionOutcomeRecordedEvent.class);
        assertThat(kept.outcome()).isEqualTo(RetentionOutcome.ORDERED_AGAIN);
        assertThat(kept.occurredAt()).isEqualTo(ordered);

        // the silent customer's deadline has been due on the wall clock all along, but the replay has not passed
        // the window's end yet (deadlines are looked for every second in tests)
        Thread.sleep(3_000);
        assertThat(events(silent, RetentionOutcomeRecordedEvent.class)).isEmpty();

        // another customer's order from beyond the window (and its margin) shows the replay has passed it
        send(other, orderAt(other, H.plus(WINDOW).plus(Duration.ofDays(2))));
        RetentionOutcomeRecordedEvent expired = first(silent, RetentionOutcomeRecordedEvent.class);
        assertThat(expired.outcome()).isEqualTo(RetentionOutcome.EXPIRED);
        assertThat(expired.occurredAt()).as("the window's end in storefront time").isEqualTo(H.plus(WINDOW));
    }
}
