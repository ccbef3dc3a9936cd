package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.*;
import com.keepwell.domain.customer.Customer;
import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A snapshot of the {@code Customer} aggregate, written and read by the service's own snapshot serializer (the
 * application's ObjectMapper, fields instead of getters), restores every piece of state the aggregate keeps:
 * source event ids (idempotency), orders with refunds and cancellations, tickets, sessions, consents, the latest
 * assessment, retention cases, offers, dispatch times and feedback ids. And the service takes snapshots of a long
 * stream, which then load as the snapshot plus the events after it, to the same state as the whole stream.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CustomerSnapshotTest {

    private static final CustomerId ALICE = CustomerId.of("c-snapshot");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Money TEN = Money.of("10.00", "EUR");

    @Inject
    ObjectMapper objectMapper;

    @Inject
    CommandGateway commands;

    @Inject
    EventStore eventStore;

    @Inject
    DataSource dataSource;

    private int ids;

    @Test
    void a_snapshot_restores_the_whole_customer() {
        Customer original = replay(history());
        Serializer serializer = AxonRuntime.snapshotSerializer(objectMapper);

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        Customer restored = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("e-1", "o-2", "t-1", "s-1", "case-1", "offer-1", "fb-1", "a-2", "case-3");
        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        // and the restored instance goes on like the original: the same later events leave the same state
        assertThat(replay(restored, List.of(order("o-3", 40)))).usingRecursiveComparison()
                .isEqualTo(replay(replay(history()), List.of(order("o-3", 40))));
    }

    @Test
    void the_service_snapshots_a_long_stream_and_snapshot_plus_later_events_is_the_whole_stream() throws Exception {
        CustomerId customer = CustomerId.of("c-snapshot-" + java.util.UUID.randomUUID());
        int events = 300; // past keepwell.axon.snapshot-after-events (250)
        for (int i = 0; i < events; i++) {
            commands.sendAndWait(new RecordSignInCommand(customer, StorefrontEventId.of(customer + "-" + i),
                    T0.plusSeconds(i), "web"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotRevision(customer) != null);
        assertThat(snapshotRevision(customer)).isEqualTo(Customer.SNAPSHOT_REVISION);

        DomainEventStream fromSnapshot = eventStore.readEvents(customer.value());
        DomainEventMessage<?> first = fromSnapshot.next();
        assertThat(first.getPayload()).as("a load starts from the snapshot").isInstanceOf(Customer.class);
        List<Object> after = new ArrayList<>();
        fromSnapshot.asStream().forEach(m -> after.add(m.getPayload()));
        assertThat(after.size()).isLessThan(events - 200);
        List<Object> all = new ArrayList<>();
        eventStore.readEvents(customer.value(), 0).asStream().forEach(m -> all.add(m.getPayload()));
        assertThat(all).hasSize(events);
        assertThat(replay(customer, (Customer) first.getPayload(), first.getSequenceNumber() + 1, after))
                .usingRecursiveComparison().isEqualTo(replay(customer, newCustomer(customer, all.get(0)), 0, all));
        // a snapshot of another revision of the class is passed over, and the whole stream is read instead
        try (Connection c = dataSource.getConnection(); PreparedStatement old = c.prepareStatement(
                "UPDATE snapshotevententry SET payloadrevision = '0' WHERE aggregateidentifier = ?")) {
            old.setString(1, customer.value());
            assertThat(old.executeUpdate()).isEqualTo(1);
        }
        List<Object> withoutSnapshot = new ArrayList<>();
        eventStore.readEvents(customer.value()).asStream().forEach(m -> withoutSnapshot.add(m.getPayload()));
        assertThat(withoutSnapshot).hasSize(events).allSatisfy(p -> assertThat(p).isInstanceOf(
                CustomerSignedInEvent.class));
        // the aggregate still knows every source event: the first sign-in again is a duplicate
        assertThat((Object) commands.sendAndWait(new RecordSignInCommand(customer, StorefrontEventId.of(customer + "-0"),
                T0, "web"))).isEqualTo(Recording.DUPLICATE);
    }

    private String snapshotRevision(CustomerId customer) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT payloadrevision FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            q.setString(1, customer.value());
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private List<Object> history() {
        ids = 0;
        List<Object> events = new ArrayList<>();
        events.add(new CustomerRegisteredEvent(ALICE, next(), T0, "alice@example.com", "Alice", null, null, "DE",
                "Europe/Berlin", "de", Map.of(ContactChannel.EMAIL, true, ContactChannel.SMS, false)));
        events.add(new MarketingConsentChangedEvent(ALICE, next(), T0.plusSeconds(60), ContactChannel.PUSH, true));
        events.add(new CustomerSignedInEvent(ALICE, next(), T0.plusSeconds(120), "web"));
        events.add(new SessionRecordedEvent(ALICE, next(), T0.plusSeconds(900), SessionId.of("s-1"),
                T0.plusSeconds(300), T0.plusSeconds(900), 3, 2, List.of(), List.of("books")));
        events.add(order("o-1", 25));
        events.add(order("o-2", 60));
        events.add(new CouponAppliedEvent(ALICE, next(), T0.plus(Duration.ofDays(2)), "KEEP-1", OrderId.of("o-2"),
                TEN));
        events.add(new OrderRefundedEvent(ALICE, next(), T0.plus(Duration.ofDays(5)), OrderId.of("o-2"), TEN, true,
                "faulty"));
        events.add(new OrderCancelledEvent(ALICE, next(), T0.plus(Duration.ofDays(6)), OrderId.of("o-1"), "late",
                Money.of("25.00", "EUR")));
        events.add(new SupportTicketOpenedEvent(ALICE, next(), T0.plus(Duration.ofDays(6)), TicketId.of("t-1"),
                "delivery", "email", "Where is my parcel?", "en"));
        events.add(new SupportTicketResolvedEvent(ALICE, next(), T0.plus(Duration.ofDays(7)), TicketId.of("t-1"),
                "found", 4));
        events.add(new SupportTicketOpenedEvent(ALICE, next(), T0.plus(Duration.ofDays(8)), TicketId.of("t-2"),
                "billing", "phone", null, "en"));
        List<RiskReason> reasons = List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 40.0, 0.7,
                "no order for 40 days"));
        events.add(new RiskAssessedEvent(ALICE, "a-1", RiskScore.of(0.4), RiskBand.MEDIUM, null, "m-1", "f-1",
                reasons, T0.plus(Duration.ofDays(40)), T0.plus(Duration.ofDays(40))));
        events.add(new RiskAssessedEvent(ALICE, "a-2", RiskScore.of(0.9), RiskBand.HIGH, RiskBand.MEDIUM, "m-1",
                "f-1", reasons, T0.plus(Duration.ofDays(48)), T0.plus(Duration.ofDays(48))));
        RetentionCaseId firstCase = RetentionCaseId.of("case-1");
        RetentionCaseId secondCase = RetentionCaseId.of("case-2");
        RuleId rule = RuleId.of("rule-1");
        Instant offered = T0.plus(Duration.ofDays(48));
        events.add(new RetentionGroupAssignedEvent(ALICE, firstCase, rule, 1, RetentionGroup.TREATMENT, RiskBand.HIGH,
                RiskScore.of(0.9), offered));
        events.add(new OfferDispatchedEvent(ALICE, firstCase, OfferId.of("offer-1"), rule, 1,
                Incentive.percentOff("10"), ContactChannel.EMAIL, "Hello Alice", "KEEP-2",
                offered.plus(Duration.ofDays(14)), Money.of("5.00", "EUR"), offered));
        events.add(new OfferFeedbackRecordedEvent(ALICE, OfferId.of("offer-1"), "fb-1", ContactChannel.EMAIL,
                OfferFeedback.OPENED, offered.plusSeconds(3600)));
        events.add(new RetentionOutcomeRecordedEvent(ALICE, firstCase, OfferId.of("offer-1"), rule,
                RetentionGroup.TREATMENT, RiskBand.HIGH, RetentionOutcome.EXPIRED, false, Money.zero("EUR"), null,
                offered.plus(Duration.ofDays(14))));
        events.add(new RetentionGroupAssignedEvent(ALICE, secondCase, rule, 1, RetentionGroup.HOLDOUT, RiskBand.HIGH,
                RiskScore.of(0.9), offered.plus(Duration.ofDays(20))));
        // a third case waits for a new day's budget
        events.add(new RetentionCaseDeferredEvent(ALICE, RetentionCaseId.of("case-3"), RiskBand.HIGH,
                OfferRefusal.BUDGET_EXHAUSTED, "today's budget spent for rule-1", offered.plus(Duration.ofDays(45)),
                offered.plus(Duration.ofDays(44))));
        return events;
    }

    private OrderPlacedEvent order(String id, int total) {
        Money amount = Money.of(total + ".00", "EUR");
        return new OrderPlacedEvent(ALICE, next(), T0.plus(Duration.ofDays(1)), OrderId.of(id), amount, null, null,
                List.of(new OrderLine(ProductId.of("p-1"), "books", 1, amount)), null);
    }

    private StorefrontEventId next() {
        return StorefrontEventId.of("e-" + ++ids);
    }

    private static Customer replay(List<Object> events) {
        return replay(ALICE, newCustomer(ALICE, events.get(0)), 0, events);
    }

    private static Customer replay(Customer root, List<Object> events) {
        return replay(ALICE, root, 0, events);
    }

    private static Customer newCustomer(CustomerId id, Object firstEvent) {
        return new GenericAggregateFactory<>(Customer.class).createAggregateRoot(id.value(),
                new GenericDomainEventMessage<>("Customer", id.value(), 0, firstEvent));
    }

    private static Customer replay(CustomerId id, Customer root, long firstSequence, List<Object> events) {
        EventSourcedAggregate<Customer> aggregate = EventSourcedAggregate.initialize(root,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Customer.class), null,
                NoSnapshotTriggerDefinition.TRIGGER);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("Customer", id.value(), firstSequence + i, events.get(i)));
        }
        aggregate.initializeState(DomainEventStream.of(messages.toArray(GenericDomainEventMessage[]::new)));
        return aggregate.getAggregateRoot();
    }
}
