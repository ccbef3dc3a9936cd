package com.keepwell.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.keepwell.infra.embedded.EmbeddedKafkaBroker;

/** The responder reads offers from a real broker and answers on retention.outcomes. */
class OfferResponderKafkaTest {

    @Test
    void an_offer_on_kafka_gets_channel_feedback_on_kafka(@TempDir Path dir) throws Exception {
        StorefrontSimulator simulator = new StorefrontSimulator(SimulationSettings.defaults(5, 50,
                Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(30)));
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            kafka.createTopics(Map.of(OfferResponder.OFFERS_TOPIC, 1, OfferResponder.OUTCOMES_TOPIC, 1));
            OfferResponder responder = new OfferResponder(simulator, kafka.bootstrapServers());
            Thread thread = new Thread(responder);
            thread.start();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
                String offer = CloudEvents.JSON.valueToTree(Map.of("specversion", "1.0", "id", "offer-1",
                        "source", "/retention", "type", "retention.offer.dispatched",
                        "time", "2025-01-10T10:00:00Z", "subject", "s5-c3",
                        "data", Map.of("offerId", "offer-1", "incentive", "SERVICE_CALL", "channel", "PHONE")))
                        .toString();
                producer.send(new ProducerRecord<>(OfferResponder.OFFERS_TOPIC, "s5-c3", offer)).get();
            }
            List<JsonNode> outcomes = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(kafka))) {
                consumer.subscribe(List.of(OfferResponder.OUTCOMES_TOPIC));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (outcomes.isEmpty() && System.nanoTime() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        outcomes.add(CloudEvents.JSON.readTree(record.value()));
                    }
                }
            } finally {
                responder.close();
                thread.join(10_000);
            }
            assertThat(outcomes).isNotEmpty();
            assertThat(outcomes.get(0).path("type").asText()).isIn("retention.offer.delivered",
                    "retention.offer.bounced");
            assertThat(outcomes.get(0).path("data").path("offerId").asText()).isEqualTo("offer-1");
            assertThat(outcomes.get(0).path("subject").asText()).isEqualTo("s5-c3");
        }
    }

    private static Properties producerProps(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static Properties consumerProps(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
