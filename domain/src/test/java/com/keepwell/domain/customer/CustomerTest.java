package com.keepwell.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.commandhandling.CommandHandler;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;

class CustomerTest {

    private static final CustomerId ALICE = CustomerId.of("c-alice");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final TicketId TICKET = TicketId.of("t-1");
    private static final Address HOME = new Address("1 Main St", null, "Berlin", "10115", null, "DE");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static StorefrontEventId id(String value) {
        return StorefrontEventId.of(value);
    }

    private OrderPlacedEvent orderPlaced(String eventId, String total) {
        return new OrderPlacedEvent(ALICE, id(eventId), T0, ORDER, Money.of(total, "EUR"), null, null,
                List.of(new OrderLine(ProductId.of("p-1"), "books", 1, Money.of(total, "EUR"))), HOME);
    }

    @Test
    void registers_a_new_customer() {
        var command = new RegisterCustomerCommand(ALICE, id("e1"), T0, "alice@example.com", "Alice A", null, HOME,
                "DE", "Europe/Berlin", "de", Map.of(ContactChannel.EMAIL, true));
        fixture.givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(new CustomerRegisteredEvent(ALICE, id("e1"), T0, "alice@example.com", "Alice A", null,
                        HOME, "DE", "Europe/Berlin", "de", Map.of(ContactChannel.EMAIL, true)));
    }

    @Test
    void refuses_a_second_registration() {
        fixture.given(new CustomerRegisteredEvent(ALICE, id("e1"), T0, "a@example.com", null, null, null, "DE",
                        null, null, Map.of()))
                .when(new RegisterCustomerCommand(ALICE, id("e2"), T0, "a@example.com", null, null, null, "DE", null,
                        null, Map.of()))
                .expectException(CustomerCommandRejectedException.class)
                .expectExceptionMessage("customer c-alice is already registered; send profile changes, not a new registration")
                .expectNoEvents();
    }

    @Test
    void registration_after_account_closure_reopens_the_account() {
        fixture.given(new CustomerRegisteredEvent(ALICE, id("e1"), T0, "a@example.com", null, null, null, "DE",
                        null, null, Map.of()),
                        new AccountClosedEvent(ALICE, id("e2"), T0, "moved away"))
                .when(new RegisterCustomerCommand(ALICE, id("e3"), T0, "a@example.com", null, null, null, "DE", null,
                        null, Map.of()))
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(new CustomerRegisteredEvent(ALICE, id("e3"), T0, "a@example.com", null, null, null,
                        "DE", null, null, Map.of()));
    }

    @Test
    void a_repeated_storefront_event_id_records_nothing() {
        fixture.given(orderPlaced("e1", "20.00"))
                .when(new RecordSignInCommand(ALICE, id("e1"), T0, "web"))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void creates_an_unknown_customer_from_any_fact() {
        fixture.givenNoPriorActivity()
                .when(new RecordSignInCommand(ALICE, id("e1"), T0, "app"))
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(new CustomerSignedInEvent(ALICE, id("e1"), T0, "app"));
    }

    @Test
    void records_a_condensed_session_once_per_session_id() {
        var session = SessionId.of("s-1");
        var recorded = new SessionRecordedEvent(ALICE, id("session:s-1"), T0, session, T0, T0.plusSeconds(300), 7,
                3, List.of(ProductId.of("p-1")), List.of("books"));
        fixture.givenNoPriorActivity()
                .when(new RecordSessionCommand(ALICE, id("session:s-1"), T0, session, T0, T0.plusSeconds(300), 7, 3,
                        List.of(ProductId.of("p-1")), List.of("books")))
                .expectEvents(recorded);
        fixture.given(recorded)
                .when(new RecordSessionCommand(ALICE, id("other-id"), T0, session, T0, T0, 1, 0, List.of(), List.of()))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void records_cart_changes_and_checkout() {
        Money price = Money.of("9.99", "EUR");
        fixture.givenNoPriorActivity()
                .when(new RecordProductAddedToCartCommand(ALICE, id("e1"), T0, ProductId.of("p-1"), "books", 2, price))
                .expectEvents(new ProductAddedToCartEvent(ALICE, id("e1"), T0, ProductId.of("p-1"), "books", 2, price));
        fixture.givenNoPriorActivity()
                .when(new RecordProductRemovedFromCartCommand(ALICE, id("e2"), T0, ProductId.of("p-1"), "books", 1,
                        price))
                .expectEvents(new ProductRemovedFromCartEvent(ALICE, id("e2"), T0, ProductId.of("p-1"), "books", 1,
                        price));
        fixture.givenNoPriorActivity()
                .when(new RecordCheckoutStartedCommand(ALICE, id("e3"), T0, "chk-1", price, 1))
                .expectEvents(new CheckoutStartedEvent(ALICE, id("e3"), T0, "chk-1", price, 1));
    }

    @Test
    void places_an_order_and_ignores_the_same_order_id_again() {
        fixture.givenNoPriorActivity()
                .when(new RecordOrderCommand(ALICE, id("e1"), T0, ORDER, Money.of("20.00", "EUR"), null, null,
                        List.of(new OrderLine(ProductId.of("p-1"), "books", 1, Money.of("20.00", "EUR"))), HOME))
                .expectEvents(orderPlaced("e1", "20.00"));
        fixture.given(orderPlaced("e1", "20.00"))
                .when(new RecordOrderCommand(ALICE, id("e-retry"), T0, ORDER, Money.of("20.00", "EUR"), null, null,
                        List.of(), HOME))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void refunds_part_of_a_known_order() {
        fixture.given(orderPlaced("e1", "20.00"))
                .when(new RecordRefundCommand(ALICE, id("e2"), T0, ORDER, Money.of("5.00", "EUR"), true, "damaged"))
                .expectEvents(new OrderRefundedEvent(ALICE, id("e2"), T0, ORDER, Money.of("5.00", "EUR"), true,
                        "damaged"));
    }

    @Test
    void refuses_a_refund_for_an_unknown_order() {
        fixture.givenNoPriorActivity()
                .when(new RecordRefundCommand(ALICE, id("e2"), T0, ORDER, Money.of("5.00", "EUR"), false, null))
                .expectException(CustomerCommandRejectedException.class)
                .expectException(rejectedWith(RejectionCode.UNKNOWN_ORDER))
                .expectNoEvents();
    }

    @Test
    void refuses_refunds_that_add_up_to_more_than_the_order() {
        fixture.given(orderPlaced("e1", "20.00"),
                        new OrderRefundedEvent(ALICE, id("e2"), T0, ORDER, Money.of("15.00", "EUR"), false, null))
                .when(new RecordRefundCommand(ALICE, id("e3"), T0, ORDER, Money.of("5.01", "EUR"), false, null))
                .expectException(CustomerCommandRejectedException.class)
                .expectExceptionMessage("refund of 5.01 EUR would bring refunds on order o-1 to 20.01, more than its total of 20.00")
                .expectNoEvents();
    }

    @Test
    void accepts_refunds_that_add_up_to_exactly_the_order() {
        fixture.given(orderPlaced("e1", "20.00"),
                        new OrderRefundedEvent(ALICE, id("e2"), T0, ORDER, Money.of("15.00", "EUR"), false, null))
                .when(new RecordRefundCommand(ALICE, id("e3"), T0, ORDER, Money.of("5.00", "EUR"), false, null))
                .expectResultMessagePayload(Recording.RECORDED);
    }

    @Test
    void refuses_a_refund_in_another_currency() {
        fixture.given(orderPlaced("e1", "20.00"))
                .when(new RecordRefundCommand(ALICE, id("e2"), T0, ORDER, Money.of("5.00", "USD"), false, null))
                .expectException(rejectedWith(RejectionCode.REFUND_CURRENCY_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void refuses_a_refund_after_cancellation() {
        fixture.given(orderPlaced("e1", "20.00"),
                        new OrderCancelledEvent(ALICE, id("e2"), T0, ORDER, null, Money.of("20.00", "EUR")))
                .when(new RecordRefundCommand(ALICE, id("e3"), T0, ORDER, Money.of("1.00", "EUR"), false, null))
                .expectException(rejectedWith(RejectionCode.ORDER_CANCELLED))
                .expectNoEvents();
    }

    @Test
    void cancelling_voids_what_was_not_refunded_yet() {
        fixture.given(orderPlaced("e1", "20.00"),
                        new OrderRefundedEvent(ALICE, id("e2"), T0, ORDER, Money.of("5.00", "EUR"), false, null))
                .when(new RecordOrderCancellationCommand(ALICE, id("e3"), T0, ORDER, "customer request"))
                .expectEvents(new OrderCancelledEvent(ALICE, id("e3"), T0, ORDER, "customer request",
                        Money.of("15.00", "EUR")));
    }

    @Test
    void refuses_to_cancel_an_unknown_order_and_ignores_a_second_cancellation() {
        fixture.givenNoPriorActivity()
                .when(new RecordOrderCancellationCommand(ALICE, id("e1"), T0, ORDER, null))
                .expectException(rejectedWith(RejectionCode.UNKNOWN_ORDER))
                .expectNoEvents();
        fixture.given(orderPlaced("e1", "20.00"),
                        new OrderCancelledEvent(ALICE, id("e2"), T0, ORDER, null, Money.of("20.00", "EUR")))
                .when(new RecordOrderCancellationCommand(ALICE, id("e3"), T0, ORDER, null))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void records_a_review() {
        fixture.givenNoPriorActivity()
                .when(new RecordReviewCommand(ALICE, id("e1"), T0, ProductId.of("p-1"), null, 2, "arrived late", "en"))
                .expectEvents(new ProductReviewedEvent(ALICE, id("e1"), T0, ProductId.of("p-1"), null, 2,
                        "arrived late", "en"));
    }

    @Test
    void opens_and_resolves_a_support_ticket() {
        var opened = new SupportTicketOpenedEvent(ALICE, id("e1"), T0, TICKET, "delivery", "email", "where is it?",
                "en");
        fixture.givenNoPriorActivity()
                .when(new RecordSupportTicketOpenedCommand(ALICE, id("e1"), T0, TICKET, "delivery", "email",
                        "where is it?", "en"))
                .expectEvents(opened);
        fixture.given(opened)
                .when(new RecordSupportTicketResolvedCommand(ALICE, id("e2"), T0, TICKET, "RESOLVED", 4))
                .expectEvents(new SupportTicketResolvedEvent(ALICE, id("e2"), T0, TICKET, "RESOLVED", 4));
    }

    @Test
    void refuses_to_resolve_a_ticket_never_opened_and_ignores_a_second_resolution() {
        fixture.givenNoPriorActivity()
                .when(new RecordSupportTicketResolvedCommand(ALICE, id("e2"), T0, TICKET, "RESOLVED", null))
                .expectException(rejectedWith(RejectionCode.UNKNOWN_TICKET))
                .expectNoEvents();
        fixture.given(new SupportTicketOpenedEvent(ALICE, id("e1"), T0, TICKET, null, null, null, null),
                        new SupportTicketResolvedEvent(ALICE, id("e2"), T0, TICKET, "RESOLVED", null))
                .when(new RecordSupportTicketResolvedCommand(ALICE, id("e3"), T0, TICKET, "UNRESOLVED", 1))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void changes_consent_only_when_it_differs() {
        fixture.given(new CustomerRegisteredEvent(ALICE, id("e1"), T0, "a@example.com", null, null, null, "DE",
                        null, null, Map.of(ContactChannel.EMAIL, true)))
                .when(new ChangeMarketingConsentCommand(ALICE, id("e2"), T0, ContactChannel.EMAIL, true))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
        fixture.given(new CustomerRegisteredEvent(ALICE, id("e1"), T0, "a@example.com", null, null, null, "DE",
                        null, null, Map.of(ContactChannel.EMAIL, true)))
                .when(new ChangeMarketingConsentCommand(ALICE, id("e2"), T0, ContactChannel.EMAIL, false))
                .expectEvents(new MarketingConsentChangedEvent(ALICE, id("e2"), T0, ContactChannel.EMAIL, false));
    }

    @Test
    void records_an_explicit_withdrawal_for_a_customer_with_no_consent_yet() {
        fixture.givenNoPriorActivity()
                .when(new ChangeMarketingConsentCommand(ALICE, id("e1"), T0, ContactChannel.SMS, false))
                .expectEvents(new MarketingConsentChangedEvent(ALICE, id("e1"), T0, ContactChannel.SMS, false));
    }

    @Test
    void records_a_coupon() {
        fixture.givenNoPriorActivity()
                .when(new RecordCouponAppliedCommand(ALICE, id("e1"), T0, "WELCOME10", ORDER, Money.of("2.00", "EUR")))
                .expectEvents(new CouponAppliedEvent(ALICE, id("e1"), T0, "WELCOME10", ORDER, Money.of("2.00", "EUR")));
    }

    @Test
    void closes_the_account_once() {
        fixture.givenNoPriorActivity()
                .when(new RecordAccountClosureCommand(ALICE, id("e1"), T0, "too expensive"))
                .expectEvents(new AccountClosedEvent(ALICE, id("e1"), T0, "too expensive"));
        fixture.given(new AccountClosedEvent(ALICE, id("e1"), T0, "too expensive"))
                .when(new RecordAccountClosureCommand(ALICE, id("e2"), T0, "again"))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    private static final List<RiskReason> REASONS = List.of(
            new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 74.0, 0.8, "no order for 74 days"));

    private static RecordRiskAssessmentCommand assess(String id, double score, RiskBand band, Instant asOf) {
        return new RecordRiskAssessmentCommand(ALICE, id, RiskScore.of(score), band, "m-1", "f-1", REASONS, asOf,
                asOf.plusSeconds(5));
    }

    private static RiskAssessedEvent assessed(String id, double score, RiskBand band, RiskBand previous,
            Instant asOf) {
        return new RiskAssessedEvent(ALICE, id, RiskScore.of(score), band, previous, "m-1", "f-1", REASONS, asOf,
                asOf.plusSeconds(5));
    }

    @Test
    void records_a_risk_assessment_with_the_previous_band() {
        fixture.given(orderPlaced("e1", "10.00"), assessed("a-1", 0.2, RiskBand.LOW, null, T0))
                .when(assess("a-2", 0.7, RiskBand.HIGH, T0.plusSeconds(3600)))
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(assessed("a-2", 0.7, RiskBand.HIGH, RiskBand.LOW, T0.plusSeconds(3600)));
    }

    @Test
    void says_whether_an_assessment_and_the_band_before_it_describe_replayed_history() {
        Instant replayedAsOf = T0.minus(java.time.Duration.ofDays(200));
        RecordRiskAssessmentCommand ofHistory = new RecordRiskAssessmentCommand(ALICE, "a-1", RiskScore.of(0.96),
                RiskBand.HIGH, "m-1", "f-1", REASONS, replayedAsOf, T0, true);
        fixture.given(orderPlaced("e1", "10.00"))
                .when(ofHistory)
                .expectEvents(new RiskAssessedEvent(ALICE, "a-1", RiskScore.of(0.96), RiskBand.HIGH, null, "m-1",
                        "f-1", REASONS, replayedAsOf, T0, true, false));
        fixture.given(orderPlaced("e1", "10.00"), new RiskAssessedEvent(ALICE, "a-1", RiskScore.of(0.96),
                        RiskBand.HIGH, null, "m-1", "f-1", REASONS, replayedAsOf, T0, true, false))
                .when(assess("a-2", 0.97, RiskBand.HIGH, T0.plusSeconds(3600)))
                .expectEvents(new RiskAssessedEvent(ALICE, "a-2", RiskScore.of(0.97), RiskBand.HIGH, RiskBand.HIGH,
                        "m-1", "f-1", REASONS, T0.plusSeconds(3600), T0.plusSeconds(3605), false, true));
        // once the present has been assessed, the next assessment's previous band is a present one again
        fixture.given(orderPlaced("e1", "10.00"), new RiskAssessedEvent(ALICE, "a-1", RiskScore.of(0.96),
                        RiskBand.HIGH, null, "m-1", "f-1", REASONS, replayedAsOf, T0, true, false),
                        assessed("a-2", 0.97, RiskBand.HIGH, RiskBand.HIGH, T0.plusSeconds(3600)))
                .when(assess("a-3", 0.98, RiskBand.CRITICAL, T0.plusSeconds(7200)))
                .expectEvents(assessed("a-3", 0.98, RiskBand.CRITICAL, RiskBand.HIGH, T0.plusSeconds(7200)));
    }

    @Test
    void ignores_a_repeated_or_older_risk_assessment() {
        fixture.given(orderPlaced("e1", "10.00"), assessed("a-2", 0.7, RiskBand.HIGH, null, T0.plusSeconds(3600)))
                .when(assess("a-2", 0.7, RiskBand.HIGH, T0.plusSeconds(3600)))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
        fixture.given(orderPlaced("e1", "10.00"), assessed("a-2", 0.7, RiskBand.HIGH, null, T0.plusSeconds(3600)))
                .when(assess("a-1", 0.1, RiskBand.LOW, T0))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void does_not_assess_a_customer_the_platform_never_saw() {
        fixture.givenNoPriorActivity()
                .when(assess("a-1", 0.5, RiskBand.MEDIUM, T0))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void refuses_a_score_outside_zero_to_one_and_disordered_band_cut_offs() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RiskScore.of(1.2))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RiskBand.of(0.5, 0.6, 0.4, 0.9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RiskBand.of(0.55, 0.2, 0.5, 0.8)).isEqualTo(RiskBand.HIGH);
        assertThat(RiskBand.of(0.8, 0.2, 0.5, 0.8)).isEqualTo(RiskBand.CRITICAL);
        assertThat(RiskBand.of(0.19, 0.2, 0.5, 0.8)).isEqualTo(RiskBand.LOW);
    }

    @Test
    void every_customer_command_has_a_handler() throws Exception {
        Set<Class<?>> handled = Arrays.stream(Customer.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(CommandHandler.class))
                .map(m -> m.getParameterTypes()[0])
                .collect(Collectors.toSet());
        Path apiPackage = Path.of(CustomerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("com/keepwell/domain/api");
        List<Class<?>> commands;
        try (Stream<Path> files = Files.list(apiPackage)) {
            commands = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Command.class"))
                    .<Class<?>>map(n -> load("com.keepwell.domain.api." + n.replace(".class", "")))
                    .filter(c -> c != CustomerCommand.class && CustomerCommand.class.isAssignableFrom(c))
                    .toList();
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(15);
        assertThat(handled).containsAll(commands);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Matcher<Throwable> rejectedWith(RejectionCode code) {
        return new FeatureMatcher<>(equalTo(code), "rejection code", "code") {
            @Override
            protected RejectionCode featureValueOf(Throwable actual) {
                return actual instanceof CustomerCommandRejectedException r ? r.code() : null;
            }
        };
    }
}
