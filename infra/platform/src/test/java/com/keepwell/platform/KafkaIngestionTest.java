package com.keepwell.platform;

import com.keepwell.infra.testing.TestKafka;
import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.domain.api.SessionRecordedEvent;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class KafkaIngestionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    EventStore eventStore;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        producer = TestKafka.producer(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    private void publish(String customer, Object event) throws Exception {
        publishRaw(customer, json(event));
    }

    private void publishRaw(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>("storefront.events", key, value)).get();
    }

    @Test
    void events_published_to_kafka_show_up_in_the_customer_summary() throws Exception {
        String customer = newCustomer();
        publish(customer, registered(newId(), customer));
        publish(customer, order(newId(), customer, "o-1", "80.00"));
        publish(customer, refund(newId(), customer, "o-1", "30.00"));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200)
                .body("customerId", equalTo(customer))
                .body("registered", equalTo(true))
                .body("orders", equalTo(1))
                .body("netRevenue.EUR", equalTo(50.0f))
                .body("marketingConsent.EMAIL", equalTo(true)));
    }

    @Test
    void a_malformed_event_is_dead_lettered_with_its_reason_and_the_consumer_carries_on() throws Exception {
        String customer = newCustomer();
        publishRaw(customer, "{\"specversion\":\"1.0\",\"type\":\"order.completed\",\"subject\":\"" + customer
                + "\",\"data\":{\"orderId\":\"o-1\"}");
        String badType = newId();
        publish(customer, event(badType, "order.teleported", customer, NOW, Map.of()));
        publish(customer, order(newId(), customer, "o-2", "12.50"));

        List<ConsumerRecord<String, String>> dead = deadLettersFor(customer, 2);
        assertThat(header(dead.get(0), "dlq-code")).isEqualTo("INVALID_EVENT");
        assertThat(header(dead.get(0), "dlq-reason")).contains("is not valid JSON");
        assertThat(header(dead.get(0), "dlq-original-topic")).isEqualTo("storefront.events");
        assertThat(header(dead.get(1), "dlq-reason")).contains("unknown event type 'order.teleported'");
        assertThat(dead.get(1).value()).contains(badType);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("orders", equalTo(1)));
    }

    @Test
    void an_event_the_customer_history_contradicts_is_dead_lettered_with_the_rejection_code() throws Exception {
        String customer = newCustomer();
        publish(customer, order(newId(), customer, "o-1", "20.00"));
        publish(customer, refund(newId(), customer, "o-1", "25.00"));
        publish(customer, refund(newId(), customer, "o-1", "5.00"));

        List<ConsumerRecord<String, String>> dead = deadLettersFor(customer, 1);
        assertThat(header(dead.get(0), "dlq-code")).isEqualTo("REFUND_EXCEEDS_ORDER");
        assertThat(header(dead.get(0), "dlq-reason")).contains("more than its total of 20.00");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("netRevenue.EUR", equalTo(15.0f)));
    }

    @Test
    void a_redelivered_event_id_leaves_the_customer_unchanged() throws Exception {
        String customer = newCustomer();
        String orderEvent = newId();
        publish(customer, order(orderEvent, customer, "o-1", "40.00"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("orders", equalTo(1)));

        publish(customer, order(orderEvent, customer, "o-1-again", "40.00"));
        publish(customer, order(newId(), customer, "o-2", "2.00"));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("orders", equalTo(2)).body("netRevenue.EUR", equalTo(42.0f)));
        // the orders only: scoring may have appended a risk assessment meanwhile (debounce 1 s in tests)
        assertThat(eventStore.readEvents(customer).asStream()
                .filter(m -> m.getPayload() instanceof OrderPlacedEvent).count()).isEqualTo(2);
    }

    @Test
    void page_and_product_views_are_condensed_into_one_recorded_session() throws Exception {
        String customer = newCustomer();
        String session = "s-" + UUID.randomUUID();
        publish(customer, pageViewed(newId(), customer, session));
        for (int i = 0; i < 5; i++) {
            publish(customer, productViewed(newId(), customer, session, "p-" + (i % 3)));
        }
        publish(customer, sessionEnded(newId(), customer, session));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("sessions", equalTo(1)));
        // the sessions only: scoring may have appended a risk assessment meanwhile
        var stored = eventStore.readEvents(customer).asStream()
                .filter(m -> m.getPayload() instanceof SessionRecordedEvent).toList();
        assertThat(stored).hasSize(1);
        var recorded = (SessionRecordedEvent) stored.get(0).getPayload();
        assertThat(recorded.pageViews()).isEqualTo(1);
        assertThat(recorded.productViews()).isEqualTo(5);
        assertThat(recorded.productsViewed()).hasSize(3);
    }

    private List<ConsumerRecord<String, String>> deadLettersFor(String customer, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(bootstrapServers)) {
            consumer.subscribe(List.of("storefront.events.dlq"));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (customer.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        assertThat(found).hasSize(expected);
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
