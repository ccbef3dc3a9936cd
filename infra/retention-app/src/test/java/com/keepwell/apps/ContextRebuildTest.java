package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.infra.axon.Processors;
import com.keepwell.infra.axon.ProjectionRebuilding;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.retention.context.CustomerContexts;
import com.keepwell.retention.learning.ArmStats;

import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The retention service's projections (customer context, arm statistics) can be rebuilt from the event store, and
 * no retention decision or dry run is taken on a half-built one: they wait for the replay. Nor on a context that
 * has not reached the customer yet.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ContextRebuildTest {

    private static final String CONTEXT = "retention-customers";

    @Inject
    EventStore eventStore;

    @Inject
    DataSource dataSource;

    @Inject
    AxonRuntime axon;

    @Inject
    Processors processors;

    @Inject
    CustomerContexts contexts;

    @Inject
    ArmStats stats;

    @Inject
    MeterRegistry metrics;

    private int orderCount(String customer) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT order_count FROM retention_customer WHERE customer_id = ?")) {
            s.setString(1, customer);
            var rows = s.executeQuery();
            return rows.next() ? rows.getInt(1) : -1;
        }
    }

    private void corrupt(String customer) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("UPDATE retention_customer SET order_count = 99 WHERE customer_id = ?")) {
            s.setString(1, customer);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    /** A rule that treats every admitted customer (no holdout), with budget to spare. */
    private static Map<String, Object> freeShippingRule(String name, String eligibility) {
        Map<String, Object> rule = new HashMap<>(Map.of("name", name, "priority", 10, "enabled", true,
                "eligibility", eligibility, "incentive", "FREE_SHIPPING", "channel", "EMAIL",
                "message", "Free shipping with {{coupon_code}}", "validityDays", 14, "currency", "EUR",
                "costPerRedemption", 4.5));
        rule.putAll(Map.of("budgetTotal", 100, "budgetPerDay", 50, "holdoutShare", 0.0, "priorKeptProbability", 0.5));
        return rule;
    }

    private List<Class<?>> eventTypes(String customer) {
        return eventStore.readEvents(customer).asStream().<Class<?>>map(m -> m.getPayloadType()).toList();
    }

    @Test
    void a_rebuilt_context_is_the_one_the_events_describe_and_decisions_wait_for_it() throws Exception {
        Map<String, Object> rule = freeShippingRule("Malta win-back", "country == 'MT' && order_count == 1");
        given().contentType(ContentType.JSON).body(rule).post("/api/rules").then().statusCode(201);

        String customer = "c-rebuild-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        Instant now = Instant.now();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, new CustomerRegisteredEvent(id,
                StorefrontEventId.of("e-" + customer), now.minus(Duration.ofDays(200)), "mt@example.com", null, null,
                null, "MT", "Europe/Malta", "en", Map.of(ContactChannel.EMAIL, true))),
                new GenericDomainEventMessage<>("Customer", customer, 1, new OrderPlacedEvent(id,
                        StorefrontEventId.of("o-" + customer), now.minus(Duration.ofDays(90)), OrderId.of("o-1"),
                        new Money(new java.math.BigDecimal("40.00"), "EUR"), null, null, List.of(), null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> orderCount(customer) == 1);
        // a bug (or a hand edit) left the table wrong; the events still say one order
        corrupt(customer);

        // the rebuild's first step, held there: the token is reset and the table emptied, the replay not started
        StreamingEventProcessor context = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(CONTEXT, StreamingEventProcessor.class).orElseThrow();
        context.shutdownAsync().join();
        context.resetTokens();
        assertThat(processors.replaying(CONTEXT)).isTrue();
        assertThat(orderCount(customer)).isEqualTo(-1);
        assertThatThrownBy(() -> contexts.load(customer, 0.95, RiskBand.HIGH, List.of(), now))
                .isInstanceOf(ProjectionRebuilding.class);
        given().contentType(ContentType.JSON).body(rule).post("/api/rules/dry-run").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("being rebuilt"));

        // the customer enters a band now: the saga must not decide on an empty context ("unknown customer")
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 2, new RiskAssessedEvent(id,
                "a-rebuild", RiskScore.of(0.95), RiskBand.HIGH, null, "m", "f", List.of(), now, now)));
        Thread.sleep(4_000);
        assertThat(eventTypes(customer)).doesNotContain(RetentionUnservedEvent.class,
                RetentionGroupAssignedEvent.class);

        context.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processors.replaying(CONTEXT));
        assertThat(orderCount(customer)).as("replayed from the events, not the corrupted row").isEqualTo(1);
        // the deferred decision is taken on the rebuilt context: Malta, one order, so the rule admits the customer
        await().atMost(Duration.ofSeconds(90)).until(() -> eventTypes(customer)
                .contains(RetentionGroupAssignedEvent.class));
        assertThat(eventTypes(customer)).doesNotContain(RetentionUnservedEvent.class);
    }

    @Test
    void a_customer_assessed_before_the_context_has_seen_them_is_decided_once_it_has() throws Exception {
        given().contentType(ContentType.JSON).body(freeShippingRule("Iceland win-back", "country == 'IS'"))
                .post("/api/rules").then().statusCode(201);

        // the context projection falls behind (here: stopped) while a new customer signs up and is assessed at once
        StreamingEventProcessor context = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(CONTEXT, StreamingEventProcessor.class).orElseThrow();
        context.shutdownAsync().join();
        String customer = "c-new-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        Instant now = Instant.now();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, new CustomerRegisteredEvent(id,
                StorefrontEventId.of("e-" + customer), now.minus(Duration.ofDays(40)), "is@example.com", null, null,
                null, "IS", "Atlantic/Reykjavik", "en", Map.of(ContactChannel.EMAIL, true))),
                new GenericDomainEventMessage<>("Customer", customer, 1, new RiskAssessedEvent(id, "a-new",
                        RiskScore.of(0.95), RiskBand.HIGH, null, "m", "f", List.of(), now, now)));
        // longer than the decision waits in place: its unit of work has failed and is being retried
        Thread.sleep(7_000);
        assertThat(eventTypes(customer)).doesNotContain(RetentionUnservedEvent.class,
                RetentionGroupAssignedEvent.class);

        context.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> eventTypes(customer)
                .contains(RetentionGroupAssignedEvent.class));
        assertThat(eventTypes(customer)).as("not ended as an unknown customer").doesNotContain(
                RetentionUnservedEvent.class);
    }

    @Test
    void rebuilt_arm_statistics_count_each_recorded_outcome_once_and_offer_choice_waits_for_them() throws Exception {
        String rule = "rule-rebuild-" + UUID.randomUUID();
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            String customer = "c-arm-" + UUID.randomUUID();
            boolean kept = i % 3 == 0;
            eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0,
                    new RetentionOutcomeRecordedEvent(CustomerId.of(customer), RetentionCaseId.of("case-" + customer),
                            null, RuleId.of(rule), i < 8 ? RetentionGroup.TREATMENT : RetentionGroup.HOLDOUT,
                            RiskBand.HIGH, kept ? RetentionOutcome.ORDERED_AGAIN : RetentionOutcome.EXPIRED, kept, null,
                            "test", now)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stats.inBand(RiskBand.HIGH).containsKey(rule)
                && stats.inBand(RiskBand.HIGH).get(rule).holdout().cases() == 4);
        ArmStats.Arms before = stats.inBand(RiskBand.HIGH).get(rule);
        double outcomesCounted = metrics.counter("keepwell.retention.outcomes", "outcome", "EXPIRED", "group",
                "TREATMENT").count();
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("UPDATE retention_arm_stats SET cases = 999 WHERE rule_id = ?")) {
            s.setString(1, rule);
            s.executeUpdate();
        }

        StreamingEventProcessor learning = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(ArmStats.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
        learning.shutdownAsync().join();
        learning.resetTokens();
        assertThatThrownBy(() -> stats.inBand(RiskBand.HIGH)).isInstanceOf(ProjectionRebuilding.class)
                .hasMessageContaining(ArmStats.PROCESSOR);
        learning.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> !processors.replaying(ArmStats.PROCESSOR));
        assertThat(stats.inBand(RiskBand.HIGH).get(rule)).isEqualTo(before)
                .isEqualTo(new ArmStats.Arms(new ArmStats.Counts(8, 3, 0), new ArmStats.Counts(4, 1, 0)));
        assertThat(metrics.counter("keepwell.retention.outcomes", "outcome", "EXPIRED", "group", "TREATMENT").count())
                .as("a replay does not count outcomes again").isEqualTo(outcomesCounted);
    }

    @Test
    void operators_rebuild_the_context_through_the_admin_api() {
        given().get("/api/admin/projections").then().statusCode(200).body("name", hasItem(CONTEXT))
                .body("name", hasItem(ArmStats.PROCESSOR));
        given().post("/api/admin/projections/{name}/rebuild", CONTEXT).then().statusCode(202)
                .body("name", is(CONTEXT));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/admin/projections/{name}",
                CONTEXT).then().statusCode(200).body("running", is(true)).body("replaying", is(false)));
        given().post("/api/admin/projections/{name}/rebuild", "RetentionSagaProcessor").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(CONTEXT));
    }
}
