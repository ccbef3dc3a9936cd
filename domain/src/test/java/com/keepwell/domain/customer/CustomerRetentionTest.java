package com.keepwell.domain.customer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;

/** The retention side of the {@code Customer} aggregate: cases, the contact policy, feedback and outcomes. */
class CustomerRetentionTest {

    private static final CustomerId ALICE = CustomerId.of("c-alice");
    /** 10:00 UTC = 11:00 in Berlin (winter): outside the default quiet hours. */
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RetentionCaseId CASE = RetentionCaseId.of("case-1");
    private static final RetentionCaseId CASE_2 = RetentionCaseId.of("case-2");
    private static final RuleId RULE = RuleId.of("rule-1");
    private static final OfferId OFFER = OfferId.of("offer-1");
    private static final OfferId OFFER_2 = OfferId.of("offer-2");
    private static final Money COST = Money.of("5.00", "EUR");
    private static final Incentive TEN_PERCENT = Incentive.percentOff("10");
    private static final ContactPolicy POLICY = ContactPolicy.defaults();

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static CustomerRegisteredEvent registered(boolean emailConsent) {
        return new CustomerRegisteredEvent(ALICE, StorefrontEventId.of("e-reg"), T0.minus(Duration.ofDays(400)),
                "a@example.com", null, null, null, "DE", "Europe/Berlin", "de",
                Map.of(ContactChannel.EMAIL, emailConsent));
    }

    private static RetentionGroupAssignedEvent assigned(RetentionCaseId caseId, RetentionGroup group) {
        return new RetentionGroupAssignedEvent(ALICE, caseId, RULE, 1, group, RiskBand.HIGH, RiskScore.of(0.9), T0);
    }

    private static DispatchOfferCommand dispatch(RetentionCaseId caseId, OfferId offerId, Instant at) {
        return new DispatchOfferCommand(ALICE, caseId, offerId, RULE, 1, TEN_PERCENT, ContactChannel.EMAIL,
                "Hello Alice", "KEEP-1", at.plus(Duration.ofDays(14)), COST, at, POLICY);
    }

    private static OfferDispatchedEvent dispatched(RetentionCaseId caseId, OfferId offerId, Instant at) {
        return new OfferDispatchedEvent(ALICE, caseId, offerId, RULE, 1, TEN_PERCENT, ContactChannel.EMAIL,
                "Hello Alice", "KEEP-1", at.plus(Duration.ofDays(14)), COST, at);
    }

    private static RetentionOutcomeRecordedEvent ended(RetentionCaseId caseId, OfferId offerId, Instant at) {
        return new RetentionOutcomeRecordedEvent(ALICE, caseId, offerId, RULE, RetentionGroup.TREATMENT,
                RiskBand.HIGH, RetentionOutcome.EXPIRED, false, Money.zero("EUR"), null, at);
    }

    @Test
    void records_the_group_assignment_once() {
        fixture.given(registered(true))
                .when(new AssignRetentionGroupCommand(ALICE, CASE, RULE, 1, RetentionGroup.HOLDOUT, RiskBand.HIGH,
                        RiskScore.of(0.9), T0))
                .expectEvents(assigned(CASE, RetentionGroup.HOLDOUT));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT))
                .when(new AssignRetentionGroupCommand(ALICE, CASE, RULE, 1, RetentionGroup.TREATMENT, RiskBand.HIGH,
                        RiskScore.of(0.9), T0))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void records_whether_the_cases_rule_was_drawn_to_explore() {
        fixture.given(registered(true))
                .when(new AssignRetentionGroupCommand(ALICE, CASE, RULE, 1, RetentionGroup.TREATMENT, RiskBand.HIGH,
                        RiskScore.of(0.9), T0, true))
                .expectEvents(new RetentionGroupAssignedEvent(ALICE, CASE, RULE, 1, RetentionGroup.TREATMENT,
                        RiskBand.HIGH, RiskScore.of(0.9), T0, true));
    }

    @Test
    void records_a_case_waiting_for_budget_once_per_day_it_waits_for_and_not_once_decided() {
        Instant tomorrow = T0.plus(Duration.ofDays(1));
        RetentionCaseDeferredEvent waiting = new RetentionCaseDeferredEvent(ALICE, CASE, RiskBand.HIGH,
                OfferRefusal.BUDGET_EXHAUSTED, "today's budget spent for Win-back", tomorrow, T0);
        fixture.given(registered(true))
                .when(new DeferRetentionCaseCommand(ALICE, CASE, RiskBand.HIGH, OfferRefusal.BUDGET_EXHAUSTED,
                        "today's budget spent for Win-back", tomorrow, T0))
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(waiting);
        // a retried saga handler sends the same deferral again
        fixture.given(registered(true), waiting)
                .when(new DeferRetentionCaseCommand(ALICE, CASE, RiskBand.HIGH, OfferRefusal.BUDGET_EXHAUSTED,
                        "today's budget spent for Win-back", tomorrow, T0))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
        // the next day's budget is spent too: one more day
        fixture.given(registered(true), waiting)
                .when(new DeferRetentionCaseCommand(ALICE, CASE, RiskBand.HIGH, OfferRefusal.BUDGET_EXHAUSTED,
                        "today's budget spent for Win-back", tomorrow.plus(Duration.ofDays(1)), tomorrow))
                .expectResultMessagePayload(Recording.RECORDED)
                .expectEvents(new RetentionCaseDeferredEvent(ALICE, CASE, RiskBand.HIGH,
                        OfferRefusal.BUDGET_EXHAUSTED, "today's budget spent for Win-back",
                        tomorrow.plus(Duration.ofDays(1)), tomorrow));
        fixture.given(registered(true), waiting, assigned(CASE, RetentionGroup.TREATMENT))
                .when(new DeferRetentionCaseCommand(ALICE, CASE, RiskBand.HIGH, OfferRefusal.BUDGET_EXHAUSTED,
                        "late", tomorrow.plus(Duration.ofDays(1)), tomorrow))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void dispatches_an_offer_the_policy_allows() {
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT))
                .when(dispatch(CASE, OFFER, T0))
                .expectEvents(dispatched(CASE, OFFER, T0));
    }

    @Test
    void ignores_a_repeated_dispatch_of_the_same_offer() {
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0))
                .when(dispatch(CASE, OFFER, T0))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void refuses_an_offer_to_a_holdout_case() {
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT))
                .when(dispatch(CASE, OFFER, T0))
                .expectException(CustomerCommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void rejects_offer_without_consent_for_the_channel() {
        fixture.given(registered(false), assigned(CASE, RetentionGroup.TREATMENT))
                .when(dispatch(CASE, OFFER, T0))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, CASE, OFFER, RULE, OfferRefusal.NO_CONSENT,
                        "no marketing consent for EMAIL", null, T0));
    }

    @Test
    void rejects_offer_after_the_account_was_closed() {
        fixture.given(registered(true), new AccountClosedEvent(ALICE, StorefrontEventId.of("e-close"), T0, "moved"),
                        assigned(CASE, RetentionGroup.TREATMENT))
                .when(dispatch(CASE, OFFER, T0))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, CASE, OFFER, RULE, OfferRefusal.ACCOUNT_CLOSED,
                        "the customer closed their account", null, T0));
    }

    @Test
    void rejects_offer_while_another_is_open() {
        Instant later = T0.plus(Duration.ofDays(10));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0),
                        assigned(CASE_2, RetentionGroup.TREATMENT))
                .when(dispatch(CASE_2, OFFER_2, later))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, CASE_2, OFFER_2, RULE, OfferRefusal.OFFER_OPEN,
                        "an earlier offer is still open", null, later));
    }

    @Test
    void rejects_offer_inside_cooldown() {
        Instant later = T0.plus(Duration.ofDays(3));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0),
                        ended(CASE, OFFER, T0.plus(Duration.ofDays(1))), assigned(CASE_2, RetentionGroup.TREATMENT))
                .when(dispatch(CASE_2, OFFER_2, later))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, CASE_2, OFFER_2, RULE, OfferRefusal.COOLDOWN,
                        "last offer 72 h ago, cooldown 7 days", T0.plus(Duration.ofDays(7)), later));
    }

    @Test
    void rejects_offer_over_the_frequency_cap() {
        Instant second = T0.plus(Duration.ofDays(8));
        Instant third = T0.plus(Duration.ofDays(20));
        RetentionCaseId case3 = RetentionCaseId.of("case-3");
        fixture.given(registered(true),
                        assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0), ended(CASE, OFFER, T0),
                        assigned(CASE_2, RetentionGroup.TREATMENT), dispatched(CASE_2, OFFER_2, second),
                        ended(CASE_2, OFFER_2, second), assigned(case3, RetentionGroup.TREATMENT))
                .when(dispatch(case3, OfferId.of("offer-3"), third))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, case3, OfferId.of("offer-3"), RULE,
                        OfferRefusal.FREQUENCY_CAP, "2 offers in the last 30 days (cap 2)",
                        T0.plus(Duration.ofDays(30)), third));
    }

    @Test
    void rejects_offer_in_quiet_hours_of_the_customers_time_zone() {
        // 21:30 UTC is 22:30 in Berlin: quiet until 08:00 Berlin = 07:00 UTC next day
        Instant night = Instant.parse("2026-03-01T21:30:00Z");
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT))
                .when(dispatch(CASE, OFFER, night))
                .expectEvents(new OfferDispatchRejectedEvent(ALICE, CASE, OFFER, RULE, OfferRefusal.QUIET_HOURS,
                        "quiet hours in Europe/Berlin (local time 22:30)", Instant.parse("2026-03-02T07:00:00Z"),
                        night));
    }

    @Test
    void quiet_hours_that_do_not_wrap_midnight() {
        ContactPolicy lunch = new ContactPolicy(2, Duration.ofDays(30), Duration.ZERO, LocalTime.of(12, 0),
                LocalTime.of(14, 0));
        assertThat(lunch.isQuiet(LocalTime.of(13, 0))).isTrue();
        assertThat(lunch.isQuiet(LocalTime.of(14, 0))).isFalse();
        assertThat(POLICY.isQuiet(LocalTime.of(7, 59))).isTrue();
        assertThat(POLICY.isQuiet(LocalTime.of(8, 0))).isFalse();
    }

    @Test
    void unsubscribe_feedback_withdraws_consent_for_the_offers_channel() {
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0))
                .when(new RecordOfferFeedbackCommand(ALICE, OFFER, "offer-1-unsubscribed", OfferFeedback.UNSUBSCRIBED,
                        T0.plusSeconds(60)))
                .expectEvents(new OfferFeedbackRecordedEvent(ALICE, OFFER, "offer-1-unsubscribed",
                                ContactChannel.EMAIL, OfferFeedback.UNSUBSCRIBED, T0.plusSeconds(60)),
                        new MarketingConsentChangedEvent(ALICE, StorefrontEventId.of("offer-1-unsubscribed"),
                                T0.plusSeconds(60), ContactChannel.EMAIL, false));
    }

    @Test
    void feedback_on_an_unknown_offer_is_refused() {
        fixture.given(registered(true))
                .when(new RecordOfferFeedbackCommand(ALICE, OFFER, "f-1", OfferFeedback.OPENED, T0))
                .expectException(CustomerCommandRejectedException.class);
    }

    @Test
    void redeemed_outcome_carries_the_offers_cost_and_closes_the_offer() {
        Instant redeemed = T0.plus(Duration.ofDays(2));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0))
                .when(new RecordRetentionOutcomeCommand(ALICE, CASE, OFFER, RetentionOutcome.REDEEMED, "o-9", redeemed))
                .expectEvents(new RetentionOutcomeRecordedEvent(ALICE, CASE, OFFER, RULE, RetentionGroup.TREATMENT,
                        RiskBand.HIGH, RetentionOutcome.REDEEMED, true, COST, "o-9", redeemed));
        // the next case may get an offer once the cooldown has passed: the first offer is no longer open
        Instant later = T0.plus(Duration.ofDays(8));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.TREATMENT), dispatched(CASE, OFFER, T0),
                        ended(CASE, OFFER, redeemed), assigned(CASE_2, RetentionGroup.TREATMENT))
                .when(dispatch(CASE_2, OFFER_2, later))
                .expectEvents(dispatched(CASE_2, OFFER_2, later));
    }

    @Test
    void holdout_outcome_has_no_offer_and_no_cost_and_is_recorded_once() {
        RetentionOutcomeRecordedEvent kept = new RetentionOutcomeRecordedEvent(ALICE, CASE, null, RULE,
                RetentionGroup.HOLDOUT, RiskBand.HIGH, RetentionOutcome.ORDERED_AGAIN, true, null, "o-5", T0);
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT))
                .when(new RecordRetentionOutcomeCommand(ALICE, CASE, null, RetentionOutcome.ORDERED_AGAIN, "o-5", T0))
                .expectEvents(kept);
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT), kept)
                .when(new RecordRetentionOutcomeCommand(ALICE, CASE, null, RetentionOutcome.EXPIRED, null, T0))
                .expectResultMessagePayload(Recording.DUPLICATE)
                .expectNoEvents();
    }

    @Test
    void outcome_of_an_unknown_case_is_refused() {
        fixture.given(registered(true))
                .when(new RecordRetentionOutcomeCommand(ALICE, CASE, null, RetentionOutcome.EXPIRED, null, T0))
                .expectException(CustomerCommandRejectedException.class);
    }

    private static final Instant WINDOW_ENDS = T0.plus(Duration.ofDays(14));
    private static final Instant FOLLOW_UP_ENDS = WINDOW_ENDS.plus(Duration.ofDays(28));

    /** A holdout case that ended when its window expired, followed up for 28 days after it. */
    private static RetentionOutcomeRecordedEvent expiredWithFollowUp() {
        return new RetentionOutcomeRecordedEvent(ALICE, CASE, null, RULE, RetentionGroup.HOLDOUT, RiskBand.HIGH,
                RetentionOutcome.EXPIRED, false, null, null, WINDOW_ENDS, WINDOW_ENDS, FOLLOW_UP_ENDS);
    }

    private static RecordOrderCommand order(String id, Instant at) {
        return new RecordOrderCommand(ALICE, StorefrontEventId.of("e-" + id), at, OrderId.of(id),
                Money.of("20.00", "EUR"), null, null, java.util.List.of(), null);
    }

    private static OrderPlacedEvent orderPlaced(String id, Instant at) {
        return new OrderPlacedEvent(ALICE, StorefrontEventId.of("e-" + id), at, OrderId.of(id),
                Money.of("20.00", "EUR"), null, null, java.util.List.of(), null);
    }

    private static OrderedAfterRetentionWindowEvent orderedAfter(String orderId, Instant at) {
        return new OrderedAfterRetentionWindowEvent(ALICE, CASE, RULE, RetentionGroup.HOLDOUT, RiskBand.HIGH,
                OrderId.of(orderId), at, WINDOW_ENDS, FOLLOW_UP_ENDS);
    }

    @Test
    void the_first_order_in_the_follow_up_after_the_window_is_recorded_once() {
        Instant inFollowUp = WINDOW_ENDS.plus(Duration.ofDays(10));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT), expiredWithFollowUp())
                .when(order("o-1", inFollowUp))
                .expectEvents(orderPlaced("o-1", inFollowUp), orderedAfter("o-1", inFollowUp));
        Instant later = inFollowUp.plus(Duration.ofDays(5));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT), expiredWithFollowUp(),
                        orderPlaced("o-1", inFollowUp), orderedAfter("o-1", inFollowUp))
                .when(order("o-2", later))
                .expectEvents(orderPlaced("o-2", later));
    }

    @Test
    void orders_inside_the_window_or_after_the_follow_up_are_not_orders_after_the_window() {
        Instant inWindow = WINDOW_ENDS.minus(Duration.ofHours(1));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT), expiredWithFollowUp())
                .when(order("o-1", inWindow))
                .expectEvents(orderPlaced("o-1", inWindow));
        Instant pastFollowUp = FOLLOW_UP_ENDS.plus(Duration.ofMinutes(1));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT), expiredWithFollowUp())
                .when(order("o-2", pastFollowUp))
                .expectEvents(orderPlaced("o-2", pastFollowUp));
        // a case still open has no follow-up yet; nor has one ended without a follow-up end
        Instant afterWindow = WINDOW_ENDS.plus(Duration.ofDays(1));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT))
                .when(order("o-3", afterWindow))
                .expectEvents(orderPlaced("o-3", afterWindow));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT),
                        new RetentionOutcomeRecordedEvent(ALICE, CASE, null, RULE, RetentionGroup.HOLDOUT,
                                RiskBand.HIGH, RetentionOutcome.EXPIRED, false, null, null, WINDOW_ENDS, WINDOW_ENDS))
                .when(order("o-4", afterWindow))
                .expectEvents(orderPlaced("o-4", afterWindow));
    }

    @Test
    void an_outcome_recorded_after_an_order_of_its_follow_up_records_that_order_with_it() {
        // on replayed history the outcome comes once the replay has passed the window, after the orders showing it
        Instant first = WINDOW_ENDS.plus(Duration.ofDays(2));
        Instant second = WINDOW_ENDS.plus(Duration.ofDays(3));
        fixture.given(registered(true), assigned(CASE, RetentionGroup.HOLDOUT),
                        orderPlaced("o-2", second), orderPlaced("o-1", first), orderPlaced("o-0", T0))
                .when(new RecordRetentionOutcomeCommand(ALICE, CASE, null, RetentionOutcome.EXPIRED, null, WINDOW_ENDS,
                        WINDOW_ENDS, FOLLOW_UP_ENDS))
                .expectEvents(expiredWithFollowUp(), orderedAfter("o-1", first));
    }
}
