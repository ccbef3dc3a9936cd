package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An instance told to leave a processor to others ({@code keepwell.axon.processors.disabled}) runs the rest, still
 * answers queries from the disabled processor's tables, and says the processor is not running here.
 */
@QuarkusTest
@TestProfile(DisabledProcessorTest.MonitoringElsewhere.class)
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DisabledProcessorTest {

    /** Model monitoring runs in another instance; the unknown name stands for one another application runs. */
    public static final class MonitoringElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keepwell.axon.processors.disabled", "model-monitoring,processor-of-another-app");
        }
    }

    @Inject
    EventStore eventStore;

    @Inject
    AxonRuntime axon;

    @Test
    void the_instance_runs_every_processor_but_the_disabled_one() {
        var processors = axon.configuration().eventProcessingConfiguration().eventProcessors();
        assertThat(processors).doesNotContainKey("model-monitoring")
                .containsKeys("customer-summary", "customer-activity", "campaign-results");
        assertThat(processors.values()).allMatch(EventProcessor::isRunning);

        String customer = "c-off-" + UUID.randomUUID().toString().substring(0, 8);
        var order = new OrderPlacedEvent(CustomerId.of(customer), StorefrontEventId.of("evt-" + customer),
                Instant.parse("2026-03-01T10:00:00Z"), OrderId.of("o-1"), new Money(new BigDecimal("12.00"), "EUR"),
                null, null, List.of(), null);
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, order));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/customers/" + customer)
                .then().statusCode(200).body("orders", equalTo(1)));
    }

    @Test
    void the_disabled_projection_is_reported_as_not_running_here_and_its_table_still_answers() {
        given().get("/api/admin/projections").then().statusCode(200)
                .body("name", hasItem("customer-summary"))
                .body("name", not(hasItem("model-monitoring")));
        given().get("/api/admin/projections/model-monitoring").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("not running in this process"));
        given().get("/api/models/monitoring?days=30").then().statusCode(200);
    }
}
