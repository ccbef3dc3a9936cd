package com.keepwell.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated customers' side of retention: reads offers from {@code retention.offers}, hands each to its
 * customer (who reacts according to the true response), and plays the channel provider, publishing
 * {@code delivered} or {@code bounced}, then {@code opened}, {@code clicked} or {@code unsubscribed} on
 * {@code retention.outcomes}. Feedback draws from a random stream seeded by the offer id, so it is repeatable.
 * The offer and outcome messages are documented in docs/events.md.
 */
public final class OfferResponder implements Runnable, AutoCloseable {

    public static final String OFFERS_TOPIC = "retention.offers";
    public static final String OUTCOMES_TOPIC = "retention.outcomes";
    private static final Logger LOG = Logger.getLogger(OfferResponder.class);

    /** One channel-provider report about an offer. */
    record Feedback(String customerId, String offerId, String channel, String outcome, Instant at) {
    }

    private final StorefrontSimulator simulator;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    public OfferResponder(StorefrontSimulator simulator, String bootstrapServers) {
        this.simulator = simulator;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void run() {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "storefront-simulator");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(consumerProps);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps);
        consumer.subscribe(List.of(OFFERS_TOPIC));
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    for (Feedback feedback : respond(record.value())) {
                        producer.send(new ProducerRecord<>(OUTCOMES_TOPIC, feedback.customerId(), toJson(feedback)));
                    }
                }
                producer.flush();
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
            producer.close();
        }
    }

    /** Hands one offer message to its customer; returns what the channel provider reports about it. */
    List<Feedback> respond(String message) {
        JsonNode offer;
        try {
            offer = CloudEvents.JSON.readTree(message);
        } catch (IOException e) {
            LOG.warnf("ignoring an unreadable offer: %s", e.getMessage());
            return List.of();
        }
        String customer = offer.path("subject").asText();
        JsonNode data = offer.path("data");
        String offerId = data.path("offerId").asText();
        OfferType type;
        try {
            type = OfferType.valueOf(data.path("incentive").asText());
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring offer %s with unknown incentive '%s'", offerId, data.path("incentive").asText());
            return List.of();
        }
        OfferResponse.Kind kind = simulator.responseOf(customer, type);
        if (kind == null) {
            return List.of();
        }
        Instant sentAt = Instant.parse(offer.path("time").asText());
        Instant validUntil = data.hasNonNull("validUntil") ? Instant.parse(data.get("validUntil").asText())
                : sentAt.plus(Duration.ofDays(14));
        Coupon coupon = Coupon.ofOffer(Coupon.codeOr(data.path("couponCode").asText(null), type), type,
                decimal(data, "amount"), decimal(data, "percentOff"));
        String channel = data.path("channel").asText("EMAIL");
        SplittableRandom random = new SplittableRandom(offerId.hashCode() * 0x9E3779B97F4A7C15L);
        if (random.nextDouble() < 0.03) {
            return List.of(new Feedback(customer, offerId, channel, "bounced", sentAt.plusSeconds(30)));
        }
        // the offer reaches the customer when it was sent or at the simulation's present, whichever is later: while
        // history is replayed the simulation may be ahead of the platform, and the offer may then have expired
        simulator.deliverOffer(customer, type, sentAt, validUntil, coupon);
        List<Feedback> outcomes = new ArrayList<>();
        outcomes.add(new Feedback(customer, offerId, channel, "delivered", sentAt.plusSeconds(30)));
        if (random.nextDouble() < openRate(kind)) {
            outcomes.add(new Feedback(customer, offerId, channel, "opened", sentAt.plus(Duration.ofHours(2))));
            if (kind == OfferResponse.Kind.SLEEPING_DOG && random.nextDouble() < 0.3) {
                outcomes.add(new Feedback(customer, offerId, channel, "unsubscribed", sentAt.plus(Duration.ofHours(3))));
            } else if (random.nextDouble() < clickRate(kind)) {
                outcomes.add(new Feedback(customer, offerId, channel, "clicked", sentAt.plus(Duration.ofHours(3))));
            }
        }
        return outcomes;
    }

    private static BigDecimal decimal(JsonNode data, String field) {
        return data.hasNonNull(field) ? data.get(field).decimalValue() : null;
    }

    private static double openRate(OfferResponse.Kind kind) {
        return switch (kind) {
            case PERSUADABLE -> 0.6;
            case SURE_THING -> 0.5;
            case LOST_CAUSE -> 0.15;
            case SLEEPING_DOG -> 0.4;
        };
    }

    private static double clickRate(OfferResponse.Kind kind) {
        return switch (kind) {
            case PERSUADABLE -> 0.6;
            case SURE_THING -> 0.4;
            case LOST_CAUSE -> 0.1;
            case SLEEPING_DOG -> 0.05;
        };
    }

    static String toJson(Feedback feedback) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", feedback.offerId() + "-" + feedback.outcome());
        event.put("source", "/simulator/channel-provider");
        event.put("type", "retention.offer." + feedback.outcome());
        event.put("time", feedback.at().toString());
        event.put("subject", feedback.customerId());
        event.put("datacontenttype", "application/json");
        event.put("data", Map.of("offerId", feedback.offerId(), "channel", feedback.channel()));
        try {
            return CloudEvents.JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> active = consumer;
        if (active != null) {
            active.wakeup();
        }
    }
}
