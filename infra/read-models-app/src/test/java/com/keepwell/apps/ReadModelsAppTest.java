package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The read models on their own follow events another process appended to the shared event store. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ReadModelsAppTest {

    @Inject
    EventStore eventStore;

    @Test
    void summarises_events_written_by_another_service() {
        var order = new OrderPlacedEvent(CustomerId.of("c-rm-1"), StorefrontEventId.of("evt-rm-1"),
                Instant.parse("2026-03-01T10:00:00Z"), OrderId.of("o-1"), new Money(new BigDecimal("42.00"), "EUR"),
                null, null, List.of(), null);
        eventStore.publish(new GenericDomainEventMessage<>("Customer", "c-rm-1", 0, order));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/customers/c-rm-1")
                .then().statusCode(200).body("orders", equalTo(1)).body("netRevenue.EUR", equalTo(42.0f)));
    }

    @Test
    void exports_its_metrics() {
        given().get("/api/customers/{id}", "c-rm-metrics").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds_count"))
                .body(org.hamcrest.Matchers.containsString("agroal_"));
    }

    @Test
    void ingestion_is_not_part_of_this_service() {
        given().contentType("application/json").body("{}").post("/api/events")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
