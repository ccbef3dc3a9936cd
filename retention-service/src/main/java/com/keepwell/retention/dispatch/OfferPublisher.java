package com.keepwell.retention.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.OfferDispatchedEvent;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends every offer the aggregate recorded as dispatched to Kafka {@code retention.offers} (CloudEvents JSON, keyed
 * by customer id, the offer id as event id). The event store is the outbox: this processor's token only moves
 * after the broker confirmed the send, so no recorded offer goes unsent, and one sent twice after a crash carries
 * the same id, so channel providers drop the copy. Message format: docs/events.md.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup("retention-offer-publisher")
public class OfferPublisher {

    public static final String TYPE = "retention.offer.dispatched";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    @Inject
    OfferPublisher(@Channel("retention-offers") MutinyEmitter<String> emitter, ObjectMapper json,
            MeterRegistry metrics) {
        this.emitter = emitter;
        this.json = json;
        this.metrics = metrics;
    }

    @EventHandler
    void on(OfferDispatchedEvent e) throws JsonProcessingException {
        emitter.sendMessageAndAwait(Message.of(toCloudEvent(e))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(e.customerId().value()).build()));
        metrics.counter("keepwell.retention.offers.published", "incentive", e.incentive().type().name()).increment();
    }

    String toCloudEvent(OfferDispatchedEvent e) throws JsonProcessingException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("offerId", e.offerId().value());
        data.put("caseId", e.caseId().value());
        data.put("ruleId", e.ruleId().value());
        data.put("ruleVersion", e.ruleVersion());
        data.put("incentive", e.incentive().type());
        if (e.incentive().percentOff() != null) {
            data.put("percentOff", e.incentive().percentOff());
        }
        if (e.incentive().amount() != null) {
            data.put("amount", e.incentive().amount().amount());
            data.put("currency", e.incentive().amount().currency());
        }
        if (e.incentive().points() != null) {
            data.put("points", e.incentive().points());
        }
        data.put("channel", e.channel());
        data.put("message", e.message());
        data.put("couponCode", e.couponCode());
        data.put("validUntil", e.validUntil().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", e.offerId().value());
        event.put("source", "/keepwell/retention");
        event.put("type", TYPE);
        event.put("time", e.dispatchedAt().toString());
        event.put("subject", e.customerId().value());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return json.writeValueAsString(event);
    }
}
