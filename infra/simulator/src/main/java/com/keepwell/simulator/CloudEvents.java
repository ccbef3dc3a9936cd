package com.keepwell.simulator;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Writes events as storefront CloudEvents (structured JSON mode), exactly as a storefront would send them. */
public final class CloudEvents {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CloudEvents() {
    }

    public static byte[] toJson(SimEvent event, String source) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.id());
        envelope.put("source", source);
        envelope.put("type", event.type().type());
        envelope.put("time", event.time().toString());
        envelope.put("subject", event.customerId());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", event.data());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.id(), e);
        }
    }
}
