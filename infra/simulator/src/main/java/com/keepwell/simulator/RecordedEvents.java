package com.keepwell.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a recorded JSON-lines event file (plain or gzip) into storefront CloudEvents, sorted by time. Lines that
 * already are CloudEvents pass through; lines in the CDNOW export format ({@code ../shared/data/cdnow/README.md},
 * {@code "type":"order_placed"}) become {@code order.completed} events. The whole file is held in memory to sort
 * it, which is fine for data sets of a few million events.
 */
public final class RecordedEvents {

    /** One replayable event: its time, customer and CloudEvent JSON. */
    public record Recorded(Instant time, String customerId, byte[] cloudEvent) {
    }

    private RecordedEvents() {
    }

    public static List<Recorded> read(Path file, String source) {
        List<Recorded> events = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    events.add(convert(CloudEvents.JSON.readTree(line), source, file, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        events.sort(Comparator.comparing(Recorded::time));
        return events;
    }

    static Recorded convert(JsonNode line, String source, Path file, int number) throws IOException {
        if (line.has("specversion")) {
            return new Recorded(Instant.parse(line.path("time").asText()), line.path("subject").asText(),
                    CloudEvents.JSON.writeValueAsBytes(line));
        }
        if (!"order_placed".equals(line.path("type").asText())) {
            throw new IllegalArgumentException(file + ":" + number + ": unsupported recorded event type '"
                    + line.path("type").asText() + "'");
        }
        String customer = line.path("customerId").asText();
        Instant time = Instant.parse(line.path("occurredAt").asText());
        BigDecimal amount = line.path("amount").decimalValue().setScale(2, RoundingMode.HALF_UP);
        int quantity = 0;
        for (JsonNode item : line.path("items")) {
            quantity += item.path("quantity").asInt(1);
        }
        List<Map<String, Object>> products = new ArrayList<>();
        for (JsonNode item : line.path("items")) {
            int itemQuantity = item.path("quantity").asInt(1);
            String category = item.path("category").asText("unknown");
            products.add(Map.of("productId", "cdnow-" + category, "category", category, "quantity", itemQuantity,
                    "price", quantity == 0 ? BigDecimal.ZERO
                            : amount.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", line.path("orderId").asText());
        data.put("total", amount);
        data.put("currency", line.path("currency").asText("USD"));
        data.put("products", products);
        ObjectNode event = CloudEvents.JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", line.path("eventId").asText());
        event.put("source", line.hasNonNull("source") ? "/" + line.get("source").asText() : source);
        event.put("type", "order.completed");
        event.put("time", time.toString());
        event.put("subject", customer);
        event.put("datacontenttype", "application/json");
        event.set("data", CloudEvents.JSON.valueToTree(data));
        return new Recorded(time, customer, CloudEvents.JSON.writeValueAsBytes(event));
    }
}
