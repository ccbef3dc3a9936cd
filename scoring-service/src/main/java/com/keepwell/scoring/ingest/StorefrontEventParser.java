package com.keepwell.scoring.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.storefront.StorefrontEvent;
import com.keepwell.domain.storefront.StorefrontEventData;
import com.keepwell.domain.storefront.StorefrontEventType;

/**
 * Reads a storefront CloudEvent (structured JSON mode) and checks it completely: envelope attributes, the
 * {@code data} of its type, sizes, and a timestamp no later than the allowed clock skew. It reports every
 * violation it finds, not just the first, so a storefront developer can fix an event in one round.
 */
@ApplicationScoped
public class StorefrontEventParser {

    static final int MAX_EVENT_BYTES = 256 * 1024;
    private static final String KNOWN_TYPES = Arrays.stream(StorefrontEventType.values())
            .map(StorefrontEventType::type).collect(Collectors.joining(", "));

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Duration maxClockSkew;
    private final Clock clock;

    @Inject
    StorefrontEventParser(ObjectMapper mapper, Validator validator,
            @ConfigProperty(name = "keepwell.ingest.max-clock-skew", defaultValue = "5m") Duration maxClockSkew) {
        this(mapper, validator, maxClockSkew, Clock.systemUTC());
    }

    /** For use outside CDI: tools that check events before sending them, and tests. */
    public StorefrontEventParser(ObjectMapper mapper, Validator validator, Duration maxClockSkew, Clock clock) {
        // unknown fields are ignored so storefronts can send more than the contract needs (forward compatibility)
        this.mapper = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    public ParsedEvent parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return ParsedEvent.invalid(List.of(new Violation("", "is empty; expected a CloudEvent JSON object")));
        }
        if (raw.length > MAX_EVENT_BYTES) {
            return ParsedEvent.invalid(List.of(new Violation("", "is " + raw.length + " bytes; at most "
                    + MAX_EVENT_BYTES + " are accepted")));
        }
        try {
            return parse(mapper.readTree(raw));
        } catch (IOException e) {
            return ParsedEvent.invalid(List.of(new Violation("", "is not valid JSON: " + firstLine(e))));
        }
    }

    public ParsedEvent parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ParsedEvent.invalid(List.of(new Violation("", "must be a JSON object (a CloudEvent)")));
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        StorefrontEventType type = readType(node, violations, reported);
        Instant time = readTime(node, violations, reported);
        Object data = readData(node, type, violations, reported);
        var event = new StorefrontEvent(text(node, "specversion"), text(node, "id"), text(node, "source"), type,
                time, text(node, "subject"), data);
        addAll(violations, reported, "", validator.validate(event));
        if (data != null) {
            addAll(violations, reported, "/data", validator.validate(data));
        }
        String contentType = text(node, "datacontenttype");
        if (contentType != null && !contentType.startsWith("application/json")) {
            violations.add(new Violation("/datacontenttype", "must be application/json, got '" + contentType + "'"));
        }
        if (violations.isEmpty() && data instanceof StorefrontEventData recordable) {
            checkConvertible(event, recordable, violations);
        }
        return violations.isEmpty() ? ParsedEvent.valid(event) : ParsedEvent.invalid(violations);
    }

    private static StorefrontEventType readType(JsonNode node, List<Violation> violations, Set<String> reported) {
        String type = text(node, "type");
        if (type == null) {
            return null;
        }
        return StorefrontEventType.ofType(type).orElseGet(() -> {
            violations.add(new Violation("/type", "unknown event type '" + type + "'; known types: " + KNOWN_TYPES));
            reported.add("/type");
            reported.add("/data"); // without a type, data cannot be checked
            return null;
        });
    }

    private Instant readTime(JsonNode node, List<Violation> violations, Set<String> reported) {
        String time = text(node, "time");
        if (time == null) {
            return null;
        }
        try {
            Instant instant = java.time.OffsetDateTime.parse(time).toInstant();
            if (instant.isAfter(clock.instant().plus(maxClockSkew))) {
                violations.add(new Violation("/time", "is in the future (" + time + "); at most " + maxClockSkew
                        .toMinutes() + " minutes of clock skew are tolerated"));
            }
            return instant;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("/time", "must be an RFC 3339 timestamp such as 2026-03-01T10:15:30Z, got '"
                    + time + "'"));
            reported.add("/time");
            return null;
        }
    }

    private Object readData(JsonNode node, StorefrontEventType type, List<Violation> violations,
            Set<String> reported) {
        JsonNode data = node.get("data");
        if (type == null || data == null || data.isNull()) {
            return null;
        }
        if (!data.isObject()) {
            violations.add(new Violation("/data", "must be a JSON object"));
            reported.add("/data");
            return null;
        }
        try {
            return mapper.treeToValue(data, type.dataType());
        } catch (JsonMappingException e) {
            String pointer = "/data" + e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "/" + ref.getFieldName() : "/" + ref.getIndex())
                    .collect(Collectors.joining());
            violations.add(new Violation(pointer, "cannot be read as " + type.type() + " data: " + firstLine(e)));
            reported.add("/data");
            return null;
        } catch (JsonProcessingException e) {
            violations.add(new Violation("/data", firstLine(e)));
            reported.add("/data");
            return null;
        }
    }

    private static void checkConvertible(StorefrontEvent event, StorefrontEventData data, List<Violation> violations) {
        try {
            data.toCommand(event.header());
        } catch (IllegalArgumentException | NullPointerException e) {
            violations.add(new Violation("/data", e.getMessage()));
        }
    }

    private static <T> void addAll(List<Violation> violations, Set<String> reported, String prefix,
            Set<ConstraintViolation<T>> found) {
        found.stream()
                .map(v -> new Violation(prefix + pointer(v.getPropertyPath().toString()), v.getMessage()))
                .filter(v -> reported.stream().noneMatch(r -> v.pointer().equals(r)))
                .sorted(java.util.Comparator.comparing(Violation::pointer))
                .forEach(violations::add);
    }

    /** {@code products[0].price} becomes {@code /products/0/price}. */
    static String pointer(String propertyPath) {
        if (propertyPath.isEmpty()) {
            return "";
        }
        return "/" + propertyPath.replaceAll("\\[(\\d+)]", ".$1").replaceAll("<[^>]*>", "").replace('.', '/')
                .replaceAll("/+", "/").replaceAll("/$", "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
