package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.retention.context.CustomerContexts;
import com.keepwell.retention.context.VisitRate;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.infra.testing.TestKafka;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The retention service on its own: it follows a risk assessment another process (scoring) appended to the shared
 * event store, records the case on the customer and sends the offer to Kafka.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RetentionAppTest {

    @Inject
    EventStore eventStore;

    @Inject
    DataSource dataSource;

    @Inject
    AxonRuntime axon;

    @Inject
    CustomerContexts contexts;

    @Inject
    ArmStats stats;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** A customer in Luxembourg, with e-mail consent, registered at {@code at} (sequence number 0). */
    private void register(String customer, Instant at) {
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, new CustomerRegisteredEvent(
                CustomerId.of(customer), StorefrontEventId.of("e-" + customer), at, customer + "@example.com", null,
                null, null, "LU", "Europe/Luxembourg", "fr", Map.of(ContactChannel.EMAIL, true))));
    }

    private boolean known(String customer) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT 1 FROM retention_customer WHERE customer_id = ?")) {
            s.setString(1, customer);
            return s.executeQuery().next();
        }
    }

    @Test
    void a_case_waiting_for_budget_reads_the_customers_latest_band_from_the_context() throws Exception {
        String customer = "c-band-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        Instant now = Instant.now();
        register(customer, now.minus(Duration.ofDays(20)));
        await().atMost(Duration.ofSeconds(60)).until(() -> known(customer));
        assertThat(contexts.latestBand(customer)).as("never assessed").isEmpty();

        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 1, new RiskAssessedEvent(id, "a-low",
                RiskScore.of(0.2), RiskBand.LOW, null, "m", "f", List.of(), now, now)));
        await().atMost(Duration.ofSeconds(60)).until(() -> contexts.latestBand(customer).isPresent());
        assertThat(contexts.latestBand(customer)).contains(RiskBand.LOW);

        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 2, new AccountClosedEvent(id,
                StorefrontEventId.of("c-" + customer), now, "moved away")));
        await().atMost(Duration.ofSeconds(60)).until(() -> contexts.latestBand(customer).isEmpty());
    }

    /** Free shipping by e-mail at 4.50 EUR a redemption, 100 EUR in total, no holdout. */
    private static void createFreeShippingRule(String name, String eligibility, int budgetPerDay) {
        Map<String, Object> rule = new HashMap<>(Map.of("name", name, "priority", 10,
                "enabled", true, "eligibility", eligibility, "incentive", "FREE_SHIPPING", "channel", "EMAIL",
                "message", "Free shipping with {{coupon_code}}", "validityDays", 14, "currency", "EUR",
                "costPerRedemption", 4.5));
        rule.putAll(Map.of("budgetTotal", 100, "budgetPerDay", budgetPerDay, "holdoutShare", 0.0,
                "priorKeptProbability", 0.5));
        given().contentType(ContentType.JSON).body(rule).post("/api/rules").then().statusCode(201);
    }

    @Test
    void offers_to_a_customer_another_service_assessed_at_risk() throws Exception {
        createFreeShippingRule("Distributed win-back", "country == 'LU'", 50);

        String customer = "c-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        Instant now = Instant.now();
        register(customer, now.minus(Duration.ofDays(200)));
        await().atMost(Duration.ofSeconds(60)).until(() -> known(customer));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 1, new RiskAssessedEvent(id, "a-1",
                RiskScore.of(0.95), RiskBand.HIGH, null, "m", "f", List.of(), now, now)));

        List<String> offers = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumer(bootstrapServers)) {
            consumer.subscribe(List.of("retention.offers"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (customer.equals(r.key())) {
                        offers.add(r.value());
                    }
                }
                return !offers.isEmpty();
            });
        }
        assertThat(offers.get(0)).contains("\"type\":\"retention.offer.dispatched\"").contains("FREE_SHIPPING")
                .contains("case-a-1");
    }

    @Test
    void a_case_stopped_by_a_days_limit_waits_on_the_customers_record() throws Exception {
        String name = "Cyprus win-back " + UUID.randomUUID();
        // a day's limit below one redemption's cost: every day is spent, the campaign's total is not
        createFreeShippingRule(name, "country == 'CY'", 1);

        String customer = "c-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        Instant now = Instant.now();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, new CustomerRegisteredEvent(id,
                StorefrontEventId.of("e-" + customer), now.minus(Duration.ofDays(200)), customer + "@example.com",
                null, null, null, "CY", "Asia/Nicosia", "el", Map.of(ContactChannel.EMAIL, true))));
        await().atMost(Duration.ofSeconds(60)).until(() -> known(customer));
        // assessment ids are unique per customer in the service (case and offer ids derive from them)
        String assessment = "a-" + customer;
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 1, new RiskAssessedEvent(id,
                assessment, RiskScore.of(0.95), RiskBand.HIGH, null, "m", "f", List.of(), now, now)));

        RetentionCaseDeferredEvent waiting = await().atMost(Duration.ofSeconds(60)).until(
                () -> eventStore.readEvents(customer).asStream().map(m -> m.getPayload())
                        .filter(RetentionCaseDeferredEvent.class::isInstance).map(RetentionCaseDeferredEvent.class::cast)
                        .findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(waiting.caseId()).isEqualTo(RetentionCaseId.of("case-" + assessment));
        assertThat(waiting.reason()).isEqualTo(OfferRefusal.BUDGET_EXHAUSTED);
        assertThat(waiting.detail()).contains(name);
        assertThat(waiting.retryAt()).isEqualTo(waiting.at().truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1)));
        assertThat(eventStore.readEvents(customer).asStream().map(m -> m.getPayload()))
                .noneMatch(e -> e instanceof RetentionGroupAssignedEvent || e instanceof RetentionUnservedEvent);
    }

    @Test
    void outcomes_of_many_customers_are_counted_once_each_in_one_sequence() throws Exception {
        // every customer's outcome updates the same arm-statistics row: parallel segments deadlocked on it
        assertThat(axon.configuration().eventProcessingConfiguration().sequencingPolicy("retention-learning"))
                .isInstanceOf(SequentialPolicy.class);
        String rule = "rule-seq-" + UUID.randomUUID();
        Instant now = Instant.now();
        int customers = 40;
        for (int i = 0; i < customers; i++) {
            String customer = "seq-" + UUID.randomUUID();
            RetentionOutcomeRecordedEvent outcome = new RetentionOutcomeRecordedEvent(CustomerId.of(customer),
                    RetentionCaseId.of("case-" + customer), null, RuleId.of(rule), RetentionGroup.HOLDOUT,
                    RiskBand.MEDIUM, i % 4 == 0 ? RetentionOutcome.ORDERED_AGAIN : RetentionOutcome.EXPIRED,
                    i % 4 == 0, null, "test", now);
            eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, outcome));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> armCases(rule) == customers);
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT retained, redeemed FROM retention_arm_stats WHERE rule_id = ?")) {
            s.setString(1, rule);
            var row = s.executeQuery();
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(customers / 4);
            assertThat(row.getInt(2)).isZero();
        }
        // the service exports its own metrics (also when it runs alone, without the scoring service's registry)
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("keepwell_retention_outcomes_total{group=\"HOLDOUT\""));
    }

    @Test
    void an_outcome_recorded_before_its_window_closed_is_learned_from_when_it_closes() throws Exception {
        String rule = "rule-settle-" + UUID.randomUUID();
        Instant now = Instant.now();
        String early = "settle-" + UUID.randomUUID();
        String expired = "settle-" + UUID.randomUUID();
        // one re-ordered with four seconds of its window left; the other's window ended with the outcome
        eventStore.publish(new GenericDomainEventMessage<>("Customer", early, 0, new RetentionOutcomeRecordedEvent(
                CustomerId.of(early), RetentionCaseId.of("case-" + early), null, RuleId.of(rule),
                RetentionGroup.HOLDOUT, RiskBand.MEDIUM, RetentionOutcome.ORDERED_AGAIN, true, null, "o-1", now,
                now.plusSeconds(4))));
        eventStore.publish(new GenericDomainEventMessage<>("Customer", expired, 0, new RetentionOutcomeRecordedEvent(
                CustomerId.of(expired), RetentionCaseId.of("case-" + expired), null, RuleId.of(rule),
                RetentionGroup.HOLDOUT, RiskBand.MEDIUM, RetentionOutcome.EXPIRED, false, null, null, now, now)));
        await().atMost(Duration.ofSeconds(60)).until(() -> armCases(rule) == 1);
        assertThat(armRetained(rule)).as("the early re-order waits for its window").isZero();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            stats.settleDue();
            return armCases(rule) == 2;
        });
        assertThat(armRetained(rule)).isEqualTo(1);
        assertThat(stats.settleDue()).as("counted once").isZero();
        assertThat(armCases(rule)).isEqualTo(2);
    }

    @Test
    void followed_up_cases_are_kept_by_an_order_after_the_window_not_by_one_inside_it() throws Exception {
        String rule = "rule-follow-" + UUID.randomUUID();
        Instant now = Instant.now();
        // both re-ordered inside the window, which has closed; their follow-ups end in ten seconds, and only the
        // first customer orders in it
        String stayed = "follow-" + UUID.randomUUID();
        String pulledForward = "follow-" + UUID.randomUUID();
        for (String customer : List.of(stayed, pulledForward)) {
            eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, 0, followedUpOutcome(customer,
                    rule, RetentionOutcome.ORDERED_AGAIN, now, now.plusSeconds(10))));
        }
        eventStore.publish(new GenericDomainEventMessage<>("Customer", stayed, 1, orderedAfter(stayed, rule, now,
                now.plusSeconds(10))));
        // an older case whose follow-up has ended already: counted at once, and its order after the window with it
        String older = "follow-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", older, 0, followedUpOutcome(older, rule,
                RetentionOutcome.EXPIRED, now.minusSeconds(60), now.minusSeconds(1))),
                new GenericDomainEventMessage<>("Customer", older, 1, orderedAfter(older, rule, now.minusSeconds(60),
                        now.minusSeconds(1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> armCases(rule) == 1 && armRetained(rule) == 1);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            stats.settleDue();
            return armCases(rule) == 3;
        });
        assertThat(armRetained(rule)).as("the order inside the window alone does not keep a case").isEqualTo(2);
        assertThat(stats.inBand(RiskBand.MEDIUM).get(rule).treated()).isEqualTo(new ArmStats.Counts(3, 2, 0));
    }

    private static RetentionOutcomeRecordedEvent followedUpOutcome(String customer, String rule,
            RetentionOutcome outcome, Instant windowEnds, Instant followUpEnds) {
        return new RetentionOutcomeRecordedEvent(CustomerId.of(customer), RetentionCaseId.of("case-" + customer), null,
                RuleId.of(rule), RetentionGroup.TREATMENT, RiskBand.MEDIUM, outcome, outcome.retained(), null, null,
                windowEnds.minusSeconds(30), windowEnds, followUpEnds);
    }

    private static OrderedAfterRetentionWindowEvent orderedAfter(String customer, String rule, Instant windowEnds,
            Instant followUpEnds) {
        return new OrderedAfterRetentionWindowEvent(CustomerId.of(customer), RetentionCaseId.of("case-" + customer),
                RuleId.of(rule), RetentionGroup.TREATMENT, RiskBand.MEDIUM, OrderId.of("o-" + customer),
                windowEnds.plusSeconds(1), windowEnds, followUpEnds);
    }

    private int armRetained(String rule) throws Exception {
        return armTotal(rule, "retained");
    }

    private int armCases(String rule) throws Exception {
        return armTotal(rule, "cases");
    }

    /** A count column of the rule's arm statistics, summed over bands and arms. */
    private int armTotal(String rule, String column) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT coalesce(sum(" + column + "), 0) FROM retention_arm_stats"
                        + " WHERE rule_id = ?")) {
            s.setString(1, rule);
            var rows = s.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void visits_per_month_in_the_rule_context_counts_sessions_whatever_order_they_arrive_in() {
        String customer = "visits-" + UUID.randomUUID();
        CustomerId id = CustomerId.of(customer);
        // whole seconds: PostgreSQL keeps microseconds, and tenure counts whole days
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        register(customer, now.minus(Duration.ofDays(120)));
        // sessions 3, 100, 10, 60 and 30 days ago: late ones arrive after newer ones
        List<Integer> daysAgo = List.of(3, 100, 10, 60, 30);
        VisitRate expected = VisitRate.NONE;
        for (int i = 0; i < daysAgo.size(); i++) {
            Instant at = now.minus(Duration.ofDays(daysAgo.get(i)));
            expected = expected.plus(at);
            eventStore.publish(new GenericDomainEventMessage<>("Customer", customer, i + 1, new SessionRecordedEvent(id,
                    StorefrontEventId.of("s-" + i + customer), at, SessionId.of("s-" + i), at.minusSeconds(600), at,
                    3, 2, List.of(), List.of())));
        }
        double perMonth = expected.perMonth(now, 120);
        // five sessions, recent ones weighing most, over 120 days: between 5/4 (plain mean) and 2.5 a month
        assertThat(perMonth).isBetween(1.25, 2.5);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(contexts
                .load(customer, 0.5, RiskBand.LOW, List.of(), now).orElseThrow().visitsPerMonth())
                .isCloseTo(perMonth, within(1e-6)));
        assertThat(contexts.load(customer, 0.5, RiskBand.LOW, List.of(), now).orElseThrow().toCel())
                .containsEntry("days_since_last_visit", 3L);
    }

    @Test
    void ingestion_and_scoring_are_not_part_of_this_service() {
        given().contentType("application/json").body("{}").post("/api/events")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/models").then().statusCode(404);
    }

    @Test
    void a_due_deadline_fires_in_an_instance_that_runs_the_saga() throws Exception {
        String probe = DeadlineProbe.scheduleDueNow(axon);
        await().atMost(Duration.ofSeconds(20)).until(() -> !DeadlineProbe.pending(dataSource, probe));
    }
}
