package com.keepwell.scoring.serving;

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
import com.keepwell.domain.api.RiskAssessedEvent;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes every recorded risk assessment to Kafka {@code customer.risk} (keyed by customer id, CloudEvents JSON
 * with the assessment id as event id, so consumers can de-duplicate). A streaming processor of its own: its token
 * only moves once the broker confirmed the send, so no assessment is skipped; after a crash one may be sent again.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup("customer-risk-publisher")
public class RiskPublisher {

    public static final String TYPE = "customer.risk.assessed";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    @Inject
    RiskPublisher(@Channel("customer-risk") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    @EventHandler
    void on(RiskAssessedEvent e) throws JsonProcessingException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", e.customerId().value());
        data.put("score", e.score().value());
        data.put("band", e.band());
        data.put("previousBand", e.previousBand());
        data.put("modelVersion", e.modelVersion());
        data.put("featureSchemaVersion", e.featureSchemaVersion());
        data.put("reasons", e.reasons());
        data.put("featuresAsOf", e.featuresAsOf().toString());
        data.put("historical", e.historical());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", e.assessmentId());
        event.put("source", "/keepwell/scoring");
        event.put("type", TYPE);
        event.put("subject", e.customerId().value());
        event.put("time", e.assessedAt().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        emitter.sendMessageAndAwait(Message.of(json.writeValueAsString(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(e.customerId().value()).build()));
    }
}
