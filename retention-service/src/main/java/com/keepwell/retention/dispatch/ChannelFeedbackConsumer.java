package com.keepwell.retention.dispatch;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.OfferFeedback;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.RecordOfferFeedbackCommand;
import com.keepwell.infra.messaging.ConsumerGate;
import com.keepwell.infra.messaging.ConsumerGates;

import io.smallrye.common.annotation.Blocking;

/**
 * Channel providers' reports from Kafka {@code retention.outcomes} (delivered, bounced, opened, clicked,
 * unsubscribed) become facts on the customer; an unsubscribe withdraws consent there. A report that cannot be
 * read, or names an offer the customer never got, is refused and goes to {@code retention.outcomes.dlq} with the
 * reason (the connector's dead-letter strategy); the offset moves on only after the fact is recorded.
 */
@ApplicationScoped
public class ChannelFeedbackConsumer {

    private static final String TYPE_PREFIX = "retention.offer.";

    private final CommandGateway commands;
    private final ObjectMapper json;
    private final ConsumerGate gate;

    @Inject
    ChannelFeedbackConsumer(CommandGateway commands, ObjectMapper json, ConsumerGates gates) {
        this.commands = commands;
        this.json = json;
        this.gate = gates.open();
    }

    @Incoming("retention-outcomes")
    @Blocking
    public CompletionStage<Void> consume(String message) {
        return gate.handle(() -> commands.sendAndWait(parse(message)));
    }

    RecordOfferFeedbackCommand parse(String message) {
        JsonNode event;
        try {
            event = json.readTree(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        String type = event.path("type").asText("");
        if (!type.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("type must be retention.offer.<feedback>, got '" + type + "'");
        }
        OfferFeedback feedback = OfferFeedback.valueOf(type.substring(TYPE_PREFIX.length()).toUpperCase(Locale.ROOT));
        String id = require(event, "id");
        String customer = require(event, "subject");
        String offer = event.path("data").path("offerId").asText(null);
        if (offer == null || offer.isBlank()) {
            throw new IllegalArgumentException("data.offerId is required");
        }
        Instant at = Instant.parse(require(event, "time"));
        return new RecordOfferFeedbackCommand(CustomerId.of(customer), OfferId.of(offer), id, feedback, at);
    }

    private static String require(JsonNode event, String field) {
        String value = event.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
