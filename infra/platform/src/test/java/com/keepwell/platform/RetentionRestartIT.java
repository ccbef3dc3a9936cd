package com.keepwell.platform;

import com.keepwell.infra.testing.TestKafka;
import static com.keepwell.platform.StorefrontEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.infra.embedded.EmbeddedKafkaBroker;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;
import com.keepwell.infra.embedded.FreePort;

/**
 * The packaged platform, killed (SIGKILL, no shutdown hooks) while a retention case waits for its outcome window,
 * then started again: the persistent deadline still fires and ends the case as expired, and the offer was
 * dispatched exactly once. Kafka and PostgreSQL live in this test's JVM, so they outlive the platform process.
 */
class RetentionRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofSeconds(40);

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static Path kafkaDir;

    @BeforeAll
    static void infrastructure() throws IOException {
        postgres = EmbeddedPostgresServer.startThrowaway();
        kafkaDir = Files.createTempDirectory("keepwell-it-kafka");
        kafka = EmbeddedKafkaBroker.start(kafkaDir);
        kafka.createTopics(Map.of("storefront.events", 4, "storefront.events.dlq", 1, "customer.risk", 4,
                "retention.offers", 4, "retention.outcomes", 4, "retention.outcomes.dlq", 1));
    }

    @AfterAll
    static void stopInfrastructure() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private record Platform(Process process, int port) {
    }

    private static Platform start(String logName) throws Exception {
        int port = FreePort.find();
        Process process = PackagedPlatform.start(List.of("-Xmx768m",
                "-Dkeepwell.embedded=false", "-Dkeepwell.simulator.enabled=false",
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.username=" + EmbeddedPostgresServer.USER,
                "-Dquarkus.datasource.password=",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dkeepwell.scoring.debounce=1s",
                "-Dkeepwell.axon.deadlines.polling-interval=1s",
                "-Dkeepwell.retention.outcome-window-override=" + WINDOW.toSeconds() + "s",
                "-Dkeepwell.retention.contact.quiet-from=00:00",
                "-Dkeepwell.retention.contact.quiet-until=00:00"), port, Path.of("target", logName));
        return new Platform(process, port);
    }

    private static String createRule(int port) throws Exception {
        Map<String, Object> rule = OfferRulesApiTest.rule("Restart win-back");
        rule.put("eligibility", "country == 'NO'");
        rule.put("holdoutShare", 0.0);
        rule.put("priorKeptProbability", 0.5);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/api/rules"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(rule))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("ruleId").asText();
    }

    private static List<String> payloads(String customer, String type) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                PreparedStatement s = c.prepareStatement("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                        + " WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber")) {
            s.setString(1, customer);
            s.setString(2, "com.keepwell.domain.api." + type);
            ResultSet rows = s.executeQuery();
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }

    @Test
    void a_deadline_scheduled_before_a_crash_fires_after_the_restart() throws Exception {
        Platform first = start("retention-restart-1.log");
        String customer = newCustomer();
        List<JsonNode> offers = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(kafka.bootstrapServers())) {
            consumer.subscribe(List.of("retention.offers"));
            createRule(first.port());
            Instant now = Instant.now();
            try (KafkaProducer<String, String> producer = TestKafka.producer(kafka.bootstrapServers())) {
                for (Map<String, Object> e : List.of(
                        event(newId(), "customer.registered", customer, now.minus(Duration.ofDays(300)), Map.of(
                                "email", "quiet@example.com", "country", "NO", "marketingConsent", Map.of("EMAIL", true))),
                        event(newId(), "order.completed", customer, now.minus(Duration.ofDays(200)), Map.of(
                                "orderId", "o-1", "total", "35.00", "currency", "EUR", "products", List.of(Map.of(
                                        "productId", "p-1", "category", "books", "quantity", 1, "price", "35.00")))))) {
                    producer.send(new ProducerRecord<>("storefront.events", customer, json(e))).get();
                }
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (customer.equals(r.key())) {
                        offers.add(JSON.readTree(r.value()));
                    }
                }
                return !offers.isEmpty();
            });
            Instant dispatchedAt = Instant.now();
            first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(payloads(customer, "RetentionOutcomeRecordedEvent")).isEmpty();

            // down past the end of the window: nothing can end the case while the platform is dead
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), dispatchedAt.plus(WINDOW)).toMillis()) + 2000);
            assertThat(payloads(customer, "RetentionOutcomeRecordedEvent")).isEmpty();

            Platform second = start("retention-restart-2.log");
            try {
                await().atMost(Duration.ofSeconds(90)).until(
                        () -> !payloads(customer, "RetentionOutcomeRecordedEvent").isEmpty());
                String outcome = payloads(customer, "RetentionOutcomeRecordedEvent").get(0);
                assertThat(JSON.readTree(outcome).path("outcome").asText()).isEqualTo("EXPIRED");
                assertThat(payloads(customer, "OfferDispatchedEvent")).hasSize(1);
                // the offer may have been published twice around the crash, but always under the same id
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                    if (customer.equals(r.key())) {
                        offers.add(JSON.readTree(r.value()));
                    }
                }
                assertThat(offers.stream().map(o -> o.path("id").asText()).distinct()).hasSize(1);
            } finally {
                second.process().destroy();
                second.process().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
