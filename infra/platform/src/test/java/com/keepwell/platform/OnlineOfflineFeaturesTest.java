package com.keepwell.platform;

import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.training.EventStoreHistory;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Training and serving agree: the features the online processor keeps for a customer equal the features the
 * offline path builds by replaying the event store through the same projector.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class OnlineOfflineFeaturesTest {

    @Inject
    DataSource dataSource;

    @Inject
    FeatureProjector projector;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void the_online_processor_and_an_event_store_replay_compute_the_same_features() throws Exception {
        String c = newCustomer();
        Instant now = Instant.now();
        List<Map<String, Object>> events = List.of(
                event(newId(), "customer.registered", c, now.minus(Duration.ofDays(120)), Map.of("email", "x@example.com",
                        "country", "FR", "marketingConsent", Map.of("EMAIL", true, "SMS", true))),
                event(newId(), "customer.signed_in", c, now.minus(Duration.ofDays(100)), Map.of("device", "web")),
                event(newId(), "product.added", c, now.minus(Duration.ofDays(100)), Map.of("productId", "p-1",
                        "quantity", 1, "price", "20.00", "currency", "EUR")),
                event(newId(), "checkout.started", c, now.minus(Duration.ofDays(100)), Map.of("value", "20.00",
                        "currency", "EUR", "items", 1)),
                event(newId(), "order.completed", c, now.minus(Duration.ofDays(100)), Map.of("orderId", "o-1",
                        "total", "20.00", "currency", "EUR", "products", List.of(Map.of("productId", "p-1",
                                "category", "toys", "quantity", 1, "price", "20.00")))),
                event(newId(), "order.completed", c, now.minus(Duration.ofDays(40)), Map.of("orderId", "o-2",
                        "total", "64.50", "currency", "EUR", "coupon", "SPRING", "products", List.of(Map.of(
                                "productId", "p-2", "category", "toys", "quantity", 3, "price", "21.50")))),
                event(newId(), "order.refunded", c, now.minus(Duration.ofDays(35)), Map.of("orderId", "o-2",
                        "amount", "21.50", "currency", "EUR", "returned", true, "reason", "broken")),
                event(newId(), "product.reviewed", c, now.minus(Duration.ofDays(34)), Map.of("productId", "p-2",
                        "orderId", "o-2", "rating", 2, "language", "en",
                        "text", "Broke after a week, very disappointed with the quality.")),
                event(newId(), "support_ticket.opened", c, now.minus(Duration.ofDays(33)), Map.of("ticketId", "t-1",
                        "category", "quality", "channel", "email", "text", "商品和描述不符，我要退货。")),
                event(newId(), "support_ticket.resolved", c, now.minus(Duration.ofDays(30)), Map.of("ticketId", "t-1",
                        "resolution", "refunded", "satisfaction", 2)));
        given().contentType("application/json").body(json(events)).post("/api/events").then().statusCode(200);

        Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        float[] offline = await().atMost(Duration.ofSeconds(180)).until(() -> offlineFeatures(c, t),
                f -> f != null && f[FeatureSchema.V1.indexOf("tickets_open")] == 0);
        float[] online = await().atMost(Duration.ofSeconds(180)).until(() -> onlineFeatures(c, t),
                f -> f != null && f[FeatureSchema.V1.indexOf("tickets_open")] == 0
                        && !Float.isNaN(f[FeatureSchema.V1.indexOf("ticket_satisfaction_mean_365d")]));

        assertThat(online).containsExactly(offline);
        FeatureSchema s = FeatureSchema.V1;
        assertThat(online[s.indexOf("orders_lifetime")]).isEqualTo(2f);
        assertThat(online[s.indexOf("returns_30d")]).isZero();
        assertThat(online[s.indexOf("return_rate_365d")]).isEqualTo(0.5f);
        assertThat(online[s.indexOf("discount_share_365d")]).isEqualTo(0.5f);
        assertThat(online[s.indexOf("review_negative_tone_365d")]).isGreaterThan(0.5f);
        assertThat(online[s.indexOf("ticket_negative_tone_90d")]).isGreaterThan(0.5f);
        assertThat(online[s.indexOf("marketing_consents")]).isEqualTo(2f);
    }

    private float[] onlineFeatures(String customer, Instant t) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement q = connection.prepareStatement(
                        "SELECT history FROM customer_features WHERE customer_id = ?")) {
            q.setString(1, customer);
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? projector.features(new ObjectMapper().readValue(row.getString(1),
                        CustomerHistory.class), t) : null;
            }
        }
    }

    private float[] offlineFeatures(String customer, Instant t) throws Exception {
        CustomerHistory history = new CustomerHistory();
        new EventStoreHistory(jdbcUrl, user, "").replay(e -> {
            if (e instanceof CustomerEvent ce && ce.customerId().value().equals(customer)) {
                projector.apply(history, e);
            }
        }, null);
        return history.firstSeen() == null ? null : projector.features(history, t);
    }
}
