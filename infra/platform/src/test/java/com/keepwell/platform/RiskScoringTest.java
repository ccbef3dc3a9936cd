package com.keepwell.platform;

import com.keepwell.infra.testing.TestKafka;
import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.RecordRiskAssessmentCommand;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskScore;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.scoring.serving.RiskScorer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Storefront events in through Kafka; a risk assessment with reasons out through the event store, API and Kafka;
 * none for a closed account or a registrant who has not ordered, and none again for a re-score that moved nothing until it is due for confirmation.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RiskScoringTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventStore eventStore;

    @Inject
    DataSource dataSource;

    @Inject
    RiskScorer scorer;

    @Inject
    CommandGateway commands;

    @Test
    void a_customer_gone_quiet_gets_a_high_risk_with_reasons_everywhere() throws Exception {
        String customer = newCustomer();
        Instant now = Instant.now();
        List<Map<String, Object>> history = List.of(
                event(newId(), "customer.registered", customer, now.minus(Duration.ofDays(300)), Map.of(
                        "email", "quiet@example.com", "country", "DE", "marketingConsent", Map.of("EMAIL", true))),
                event(newId(), "order.completed", customer, now.minus(Duration.ofDays(200)), Map.of(
                        "orderId", "o-1", "total", "35.00", "currency", "EUR", "products",
                        List.of(Map.of("productId", "p-1", "category", "books", "quantity", 1, "price", "35.00")))),
                event(newId(), "product.reviewed", customer, now.minus(Duration.ofDays(190)), Map.of(
                        "productId", "p-1", "orderId", "o-1", "rating", 1, "language", "en",
                        "text", "Very disappointed. It broke after two days. I want a refund.")));
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            for (Map<String, Object> e : history) {
                producer.send(new ProducerRecord<>("storefront.events", customer, json(e))).get();
            }
        }

        JsonPath risk = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(
                () -> {
                    var response = given().get("/api/customers/{id}", customer);
                    return response.statusCode() == 200 ? response.jsonPath() : null; // 404 until the summary exists
                },
                json -> json != null && json.get("risk") != null);
        assertThat(risk.getString("risk.band")).isIn(RiskBand.HIGH.name(), RiskBand.CRITICAL.name());
        assertThat(risk.getDouble("risk.score")).isGreaterThan(0.9);
        assertThat(risk.getString("risk.modelVersion")).isEqualTo("churn-default-v1");
        List<Map<String, Object>> reasons = risk.getList("risk.reasons");
        assertThat(reasons).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(reasons).allSatisfy(r -> {
            assertThat(((Number) r.get("contribution")).doubleValue()).isPositive();
            assertThat((String) r.get("text")).isNotBlank();
            assertThat((String) r.get("code")).matches("[A-Z_0-9]+");
        });
        assertThat(reasons).extracting(r -> (String) r.get("text")).anySatisfy(t -> assertThat(t).containsPattern("\\d+ days"));

        List<RiskAssessedEvent> recorded = new ArrayList<>();
        eventStore.readEvents(customer).asStream().map(m -> m.getPayload())
                .filter(RiskAssessedEvent.class::isInstance).map(RiskAssessedEvent.class::cast).forEach(recorded::add);
        assertThat(recorded).isNotEmpty();
        assertThat(recorded.get(0).reasons()).isNotEmpty();
        assertThat(recorded.get(0).featureSchemaVersion()).isEqualTo("churn-features-v1");

        JsonNode published = awaitPublished(customer);
        assertThat(published.path("type").asText()).isEqualTo("customer.risk.assessed");
        assertThat(published.path("id").asText()).isEqualTo(recorded.get(0).assessmentId());
        assertThat(published.path("data").path("reasons").size()).isEqualTo(recorded.get(0).reasons().size());
        assertThat(published.path("data").path("historical").asBoolean(true)).as("an assessment of now").isFalse();
    }

    @Test
    void a_closed_account_is_not_assessed_again_until_it_registers_again() throws Exception {
        String closing = newCustomer();
        String control = newCustomer();
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            for (String customer : List.of(closing, control)) {
                producer.send(new ProducerRecord<>("storefront.events", customer, json(event(newId(),
                        "customer.registered", customer, now.minus(Duration.ofDays(300)),
                        Map.of("email", "closing@example.com", "country", "DE")))))
                        .get();
                producer.send(new ProducerRecord<>("storefront.events", customer, json(event(newId(),
                        "order.completed", customer, now.minus(Duration.ofDays(200)), Map.of("orderId", "o-1",
                                "total", "20.00", "currency", "EUR", "products", List.of(Map.of("productId", "p-1",
                                        "category", "books", "quantity", 1, "price", "20.00"))))))).get();
            }
            // both orders scored and nothing left due: a score still pending here could land between the aging
            // below and the sweep, and leave the sweep nothing to do
            for (String customer : List.of(closing, control)) {
                await().atMost(PATIENCE).until(() -> settledAfter(customer, now.minus(Duration.ofDays(250))));
            }
            producer.send(new ProducerRecord<>("storefront.events", closing, json(event(newId(), "account.closed",
                    closing, now.minus(Duration.ofDays(1)), Map.of("reason", "moving to another shop"))))).get();
            await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(featureRow(closing).get("account_closed")));
            long beforeSweep = assessments(closing);
            assertThat(featureRow(closing).get("score_due_at")).isNull();

            // both rows' last scores age past rescore-after and confirm-after: the sweep re-scores the open account
            // only, and records its assessment
            age(closing, true);
            age(control, true);
            long controlBefore = assessments(control);
            scorer.sweep();
            await().atMost(PATIENCE).until(() -> assessments(control) > controlBefore);
            assertThat(assessments(closing)).isEqualTo(beforeSweep);
            assertThat(featureRow(closing).get("score_due_at")).isNull();

            // registering again reopens the account, and it is assessed again
            producer.send(new ProducerRecord<>("storefront.events", closing, json(event(newId(),
                    "customer.registered", closing, now, Map.of("email", "closing@example.com", "country", "DE")))))
                    .get();
            await().atMost(PATIENCE).until(() -> assessments(closing) > beforeSweep);
            assertThat(featureRow(closing).get("account_closed")).isEqualTo(false);
        }
    }

    @Test
    void a_registrant_is_first_assessed_after_an_order() throws Exception {
        String registrant = newCustomer();
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>("storefront.events", registrant, json(event(newId(),
                    "customer.registered", registrant, now.minus(Duration.ofDays(40)),
                    Map.of("email", "browsing@example.com", "country", "DE"))))).get();
            await().atMost(PATIENCE).until(() -> featureRow(registrant).get("newest_event_at") != null);
            assertThat(featureRow(registrant)).containsEntry("has_ordered", false).containsEntry("score_due_at", null);

            // outside the churn model's population: the sweep passes the never-scored registrant over
            scorer.sweep();
            assertThat(featureRow(registrant).get("score_due_at")).isNull();
            assertThat(assessments(registrant)).isZero();

            producer.send(new ProducerRecord<>("storefront.events", registrant, json(event(newId(),
                    "order.completed", registrant, now.minus(Duration.ofDays(1)), Map.of("orderId", "o-1",
                            "total", "20.00", "currency", "EUR", "products", List.of(Map.of("productId", "p-1",
                                    "category", "books", "quantity", 1, "price", "20.00"))))))).get();
            await().atMost(PATIENCE).until(() -> assessments(registrant) > 0);
            assertThat(featureRow(registrant)).containsEntry("has_ordered", true);
        }
    }

    @Test
    void a_score_that_moved_nothing_is_recorded_again_only_when_due_for_confirmation() throws Exception {
        String customer = registeredLongAgo(Instant.now(), "steady@example.com");
        await().atMost(PATIENCE).until(() -> assessments(customer) == 1);
        Object firstScored = await().atMost(PATIENCE).until(() -> featureRow(customer).get("last_assessed_at"),
                java.util.Objects::nonNull);

        // a day later nothing about the customer has changed: the sweep scores them again and records nothing
        age(customer, false);
        scorer.sweep();
        await().atMost(PATIENCE).until(() -> featureRow(customer).get("score_due_at") == null
                && ((java.sql.Timestamp) featureRow(customer).get("last_assessed_at")).after(
                        (java.sql.Timestamp) firstScored));
        assertThat(assessments(customer)).isEqualTo(1);

        // a week after the last recorded assessment the same score is recorded again, confirming it
        age(customer, true);
        scorer.sweep();
        await().atMost(PATIENCE).until(() -> assessments(customer) == 2);
    }

    @Test
    void a_customer_last_recorded_from_replayed_history_is_assessed_as_of_now_at_the_next_sweep() throws Exception {
        Instant now = Instant.now();
        String customer = registeredLongAgo(now, "imported@example.com");
        await().atMost(PATIENCE).until(() -> settledAfter(customer, now.minus(Duration.ofDays(301))));
        assertThat(assessments(customer)).isEqualTo(1);

        // as if that assessment had been made while old events were imported: the sweep marks the customer due at
        // once, not a day later, and the score of the present is recorded although nothing else changed
        try (Connection c = dataSource.getConnection(); PreparedStatement history = c.prepareStatement(
                "UPDATE customer_features SET last_recorded_historical = true WHERE customer_id = ?")) {
            history.setString(1, customer);
            assertThat(history.executeUpdate()).isEqualTo(1);
        }
        scorer.sweep();
        await().atMost(PATIENCE).until(() -> assessments(customer) == 2);
        RiskAssessedEvent latest = eventStore.readEvents(customer).asStream().map(m -> m.getPayload())
                .filter(RiskAssessedEvent.class::isInstance).map(RiskAssessedEvent.class::cast)
                .reduce((first, second) -> second).orElseThrow();
        assertThat(latest.historical()).isFalse();
        await().atMost(PATIENCE)
                .until(() -> Boolean.FALSE.equals(featureRow(customer).get("last_recorded_historical")));

        // recorded as of now, the customer is not due again
        scorer.sweep();
        assertThat(featureRow(customer).get("score_due_at")).isNull();
    }

    @Test
    void a_score_the_aggregate_already_holds_a_newer_assessment_for_leaves_the_last_recording_as_it_was()
            throws Exception {
        Instant now = Instant.now();
        String customer = registeredLongAgo(now, "ahead@example.com");
        await().atMost(PATIENCE).until(() -> settledAfter(customer, now.minus(Duration.ofDays(301))));
        // an assessment of a later time than any score the sweep can make now (as an import's would be, of the
        // same time): the aggregate answers DUPLICATE to the next score
        Instant later = now.plus(Duration.ofDays(30));
        commands.sendAndWait(new RecordRiskAssessmentCommand(CustomerId.of(customer), "ahead-" + customer,
                RiskScore.of(0.5), RiskBand.LOW, "m-test", "churn-features-v1", List.of(), later, later));
        assertThat(assessments(customer)).isEqualTo(2);

        age(customer, true);
        Timestamp recordedBefore = (Timestamp) featureRow(customer).get("last_recorded_at");
        scorer.sweep();
        await().atMost(PATIENCE).until(() -> featureRow(customer).get("score_due_at") == null
                && ((Timestamp) featureRow(customer).get("last_assessed_at")).after(recordedBefore));
        assertThat(assessments(customer)).isEqualTo(2);
        assertThat(featureRow(customer).get("last_recorded_at")).as("nothing was recorded").isEqualTo(recordedBefore);
    }

    /** A new customer who registered and ordered once 300 days before {@code now}, and did nothing since. */
    private String registeredLongAgo(Instant now, String email) throws Exception {
        String customer = newCustomer();
        Instant then = now.minus(Duration.ofDays(300));
        try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>("storefront.events", customer, json(event(newId(),
                    "customer.registered", customer, then, Map.of("email", email, "country", "DE"))))).get();
            producer.send(new ProducerRecord<>("storefront.events", customer, json(event(newId(),
                    "order.completed", customer, then.plus(Duration.ofHours(1)), Map.of("orderId", "o-1",
                            "total", "20.00", "currency", "EUR", "products", List.of(Map.of("productId", "p-1",
                                    "category", "books", "quantity", 1, "price", "20.00"))))))).get();
        }
        return customer;
    }

    /** Moves the customer's last score (and, with {@code recorded}, its last recorded one) 400 days back. */
    private void age(String customer, boolean recorded) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement age = c.prepareStatement(
                "UPDATE customer_features SET last_assessed_at = now() - interval '400 days'"
                        + (recorded ? ", last_recorded_at = now() - interval '400 days'" : "")
                        + " WHERE customer_id = ?")) {
            age.setString(1, customer);
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
    }

    private long assessments(String customer) {
        return eventStore.readEvents(customer).asStream().filter(m -> m.getPayload() instanceof RiskAssessedEvent)
                .count();
    }

    /** The customer's features include an event newer than {@code newest}, and are scored with nothing due. */
    private boolean settledAfter(String customer, Instant newest) throws Exception {
        Map<String, Object> row = featureRow(customer);
        return row.get("newest_event_at") instanceof java.sql.Timestamp t && t.toInstant().isAfter(newest)
                && row.get("score_due_at") == null && assessments(customer) > 0;
    }

    private Map<String, Object> featureRow(String customer) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT account_closed, score_due_at, last_assessed_at, newest_event_at, last_recorded_historical,"
                        + " last_recorded_at, has_ordered FROM customer_features WHERE customer_id = ?")) {
            q.setString(1, customer);
            try (ResultSet row = q.executeQuery()) {
                Map<String, Object> values = new java.util.HashMap<>();
                if (row.next()) {
                    values.put("account_closed", row.getBoolean(1));
                    values.put("score_due_at", row.getTimestamp(2));
                    values.put("last_assessed_at", row.getTimestamp(3));
                    values.put("newest_event_at", row.getTimestamp(4));
                    values.put("last_recorded_historical", row.getBoolean(5));
                    values.put("last_recorded_at", row.getTimestamp(6));
                    values.put("has_ordered", row.getBoolean(7));
                }
                return values;
            }
        }
    }

    private JsonNode awaitPublished(String customer) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(bootstrapServers)) {
            consumer.subscribe(List.of("customer.risk"));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (customer.equals(record.key())) {
                        return mapper.readTree(record.value());
                    }
                }
            }
        }
        throw new AssertionError("no assessment of " + customer + " on customer.risk within " + PATIENCE);
    }
}
