package com.keepwell.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds storefront CloudEvents as the storefront would send them: JSON text. */
final class StorefrontEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private StorefrontEvents() {
    }

    static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }

    static String newId() {
        return "evt-" + UUID.randomUUID();
    }

    static Map<String, Object> event(String id, String type, String customer, Instant time, Map<String, ?> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/test-shop");
        event.put("type", type);
        event.put("time", time.toString());
        event.put("subject", customer);
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    static Map<String, Object> registered(String id, String customer) {
        return event(id, "customer.registered", customer, NOW.minusSeconds(3600), Map.of(
                "email", "someone@example.com", "fullName", "Some One", "country", "DE",
                "marketingConsent", Map.of("EMAIL", true)));
    }

    static Map<String, Object> order(String id, String customer, String orderId, String total) {
        return event(id, "order.completed", customer, NOW.minusSeconds(1800), Map.of(
                "orderId", orderId, "total", total, "currency", "EUR",
                "products", List.of(Map.of("productId", "p-1", "category", "books", "quantity", 1, "price", total))));
    }

    static Map<String, Object> refund(String id, String customer, String orderId, String amount) {
        return event(id, "order.refunded", customer, NOW.minusSeconds(600), Map.of(
                "orderId", orderId, "amount", amount, "currency", "EUR", "returned", true));
    }

    static Map<String, Object> productViewed(String id, String customer, String session, String product) {
        return event(id, "product.viewed", customer, NOW.minusSeconds(300), Map.of(
                "sessionId", session, "productId", product, "category", "books"));
    }

    static Map<String, Object> pageViewed(String id, String customer, String session) {
        return event(id, "page.viewed", customer, NOW.minusSeconds(290), Map.of(
                "sessionId", session, "pageType", "home", "path", "/"));
    }

    static Map<String, Object> sessionEnded(String id, String customer, String session) {
        return event(id, "session.ended", customer, NOW.minusSeconds(280), Map.of("sessionId", session));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
