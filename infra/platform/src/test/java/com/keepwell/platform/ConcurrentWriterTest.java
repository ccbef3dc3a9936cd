package com.keepwell.platform;

import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerSignedInEvent;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Another process appends to a customer this process has cached: the next command must still succeed. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentWriterTest {

    @Inject
    EventStore eventStore;

    @Test
    void a_write_by_another_process_is_detected_and_the_command_retried_on_fresh_state() {
        String customer = newCustomer();
        given().contentType(ContentType.JSON).body(json(order(newId(), customer, "o-1", "30.00")))
                .post("/api/events").then().statusCode(200).body("recorded", equalTo(1));

        // what another instance would do: append the next event behind this process's aggregate cache
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 1, new CustomerSignedInEvent(
                CustomerId.of(customer), StorefrontEventId.of(newId()), NOW, "other-instance")));

        given().contentType(ContentType.JSON).body(json(refund(newId(), customer, "o-1", "10.00")))
                .post("/api/events").then().statusCode(200).body("recorded", equalTo(1));

        assertThat(eventStore.readEvents(customer).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
    }
}
