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

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Storefront events in through Kafka; a risk assessment with reasons out through the event store, API and Kafka. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RiskScoringTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventStore eventStore;

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
