package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The scoring service on its own records storefront events in the shared event store and serves no read model. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ScoringAppTest {

    @Inject
    EventStore eventStore;

    @Test
    void records_storefront_events_in_the_event_store() {
        given().contentType(ContentType.JSON).body("""
                {"specversion":"1.0","id":"evt-a1","source":"/shop","type":"order.completed",
                 "time":"2026-03-01T10:00:00Z","subject":"c-app-1",
                 "data":{"orderId":"o-1","total":12.00,"currency":"EUR"}}""")
                .post("/api/events")
                .then().statusCode(200).body("recorded", equalTo(1));

        assertThat(eventStore.readEvents("c-app-1").asStream().map(m -> m.getPayload()))
                .singleElement().isInstanceOf(OrderPlacedEvent.class);
    }

    @Test
    void the_read_model_api_is_not_part_of_this_service() {
        given().get("/api/customers/c-app-1")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
