package com.keepwell.retention.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.retention.rules.RuleBook;

class RetentionSagaTest {

    private static final String ALICE = "c-alice";
    private static final CustomerId ALICE_ID = CustomerId.of(ALICE);
    private static final RetentionCaseId CASE = RetentionCaseId.of("case-a-1");
    private static final OfferId OFFER = OfferId.of("offer-case-a-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private SagaTestFixture<RetentionSaga> fixture;
    private Fakes.MemoryBudgets budgets;
    /** The wall clock of the history clock, which deadlines read (a deadline's timestamp is when it was due). */
    private Instant wall = T0.minus(Duration.ofDays(1));
    /** Started long before the tests' time, so "just started" never holds a deadline back. */
    private final HistoryClock history = new HistoryClock(Duration.ofHours(6), () -> wall);

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RetentionSaga.class);
        budgets = new Fakes.MemoryBudgets();
        budgets.left.put("rule-1", new BigDecimal("100"));
        budgets.left.put("rule-2", new BigDecimal("100"));
        use(Fakes.ruleBook(Fakes.rule("Best", "risk_score > 0.5", 0.9, 0.0, "100"),
                Fakes.rule("Runner-up", "true", 0.4, 0.0, "100")));
    }

    private void use(RuleBook rules) {
        use(rules, Fakes.settings());
    }

    private void use(RuleBook rules, RetentionSettings settings) {
        use(rules, settings, Fakes.noOutcomesYet());
    }

    private void use(RuleBook rules, RetentionSettings settings, ArmStats learned) {
        fixture = new SagaTestFixture<>(RetentionSaga.class);
        fixture.registerResource(Fakes.planner(rules, budgets, learned, settings));
        fixture.registerResource(settings);
        fixture.registerResource(budgets);
        fixture.registerResource(history);
    }

    private static RiskAssessedEvent assessed(String customer, String assessment, RiskBand band, RiskBand previous) {
        return new RiskAssessedEvent(CustomerId.of(customer), assessment, RiskScore.of(0.95), band, previous,
                "m-1", "f-1", List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 120.0, 0.8,
                        "no order for 120 days")), T0, T0);
    }

    private static OfferDispatchedEvent dispatched(String ruleId) {
        return new OfferDispatchedEvent(ALICE_ID, CASE, OFFER, RuleId.of(ruleId), 1, Incentive.percentOff("15"),
                ContactChannel.EMAIL, "15% off", OfferPlanner.couponCode(CASE), T0.plus(Fakes.WINDOW),
                Money.of("5.00", "EUR"), T0);
    }

    private static OrderPlacedEvent order(String coupon) {
        return new OrderPlacedEvent(ALICE_ID, StorefrontEventId.of("e-o-9"), T0.plus(Duration.ofDays(2)),
                OrderId.of("o-9"), Money.of("40", "EUR"), null, coupon, List.of(), null);
    }

    @SafeVarargs
    private static Matcher<List<? super org.axonframework.commandhandling.CommandMessage<?>>> commands(
            Predicate<Object>... expected) {
        @SuppressWarnings("unchecked")
        Matcher<?>[] each = new Matcher<?>[expected.length + 1];
        for (int i = 0; i < expected.length; i++) {
            each[i] = messageWithPayload(predicate(expected[i]));
        }
        each[expected.length] = andNoMore();
        return (Matcher) exactSequenceOf((Matcher[]) each);
    }

    private static Predicate<Object> assignment(RetentionGroup group, String ruleId) {
        return c -> c instanceof AssignRetentionGroupCommand a && a.group() == group && !a.exploring()
                && a.ruleId().value().equals(ruleId) && a.caseId().equals(CASE) && a.band() == RiskBand.HIGH;
    }

    private static Predicate<Object> dispatch(String ruleId) {
        return c -> c instanceof DispatchOfferCommand d && d.ruleId().value().equals(ruleId)
                && d.offerId().equals(OFFER) && d.couponCode().equals(OfferPlanner.couponCode(CASE))
                && d.message().equals("15% off with " + OfferPlanner.couponCode(CASE))
                && d.policy().equals(ContactPolicy.defaults());
    }

    private static Predicate<Object> outcome(RetentionOutcome outcome, OfferId offer) {
        // every outcome says when the case's window ends, so learning can wait for it, and when its follow-up ends
        return c -> c instanceof RecordRetentionOutcomeCommand r && r.outcome() == outcome && r.caseId().equals(CASE)
                && java.util.Objects.equals(r.offerId(), offer) && r.windowEnds() != null
                && r.followUpEnds().equals(r.windowEnds().plus(Fakes.FOLLOW_UP));
    }

    @Test
    void entering_an_actionable_band_assigns_treatment_and_dispatches_the_best_offer() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectActiveSagas(1)
                .expectAssociationWith("caseId", CASE.value())
                .expectDispatchedCommandsMatching(commands(assignment(RetentionGroup.TREATMENT, "rule-1"),
                        dispatch("rule-1")));
        assertThat(budgets.left.get("rule-1")).isEqualByComparingTo("95.00");
    }

    @Test
    void a_case_that_explores_says_so_on_its_assignment() {
        // both rules have learned that their offers lose customers: only an exploring case makes one
        ArmStats.Arms loses = new ArmStats.Arms(new ArmStats.Counts(1000, 300, 300), new ArmStats.Counts(1000, 500, 0));
        use(Fakes.ruleBook(Fakes.rule("Best", "risk_score > 0.5", 0.9, 0.0, "100"),
                Fakes.rule("Runner-up", "true", 0.4, 0.0, "100")), Fakes.settingsExploring(1.0),
                Fakes.learned(Map.of("rule-1", loses, "rule-2", loses)));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(c -> c instanceof AssignRetentionGroupCommand a
                        && a.exploring() && a.group() == RetentionGroup.TREATMENT,
                        c -> c instanceof DispatchOfferCommand));
    }

    @Test
    void staying_in_an_actionable_band_or_a_calm_band_opens_no_case() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.HIGH))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.MEDIUM, RiskBand.LOW))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void the_running_service_passes_over_exactly_the_assessments_that_open_no_case() {
        Predicate<EventMessage<?>> relevant = new RetentionSagaDeclaration(Fakes.settings(), history).relevant();
        assertThat(relevant).accepts(message(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM)),
                message(assessed(ALICE, "a-1", RiskBand.CRITICAL, null)),
                message(order(null)), message(dispatched("rule-1")));
        assertThat(relevant).rejects(message(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.HIGH)),
                message(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.CRITICAL)),
                message(assessed(ALICE, "a-1", RiskBand.MEDIUM, RiskBand.LOW)),
                message(assessed(ALICE, "a-1", RiskBand.LOW, null)));
    }

    @Test
    void replayed_history_opens_no_case_and_the_first_assessment_of_the_present_after_it_does() {
        fixture.givenCurrentTime(T0)
                .whenPublishingA(history(assessed(ALICE, "a-0", RiskBand.HIGH, RiskBand.MEDIUM), true, false))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        // still HIGH when the import ends: the first assessment of the present enters the band
        fixture.givenCurrentTime(T0)
                .whenPublishingA(history(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.HIGH), false, true))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(assignment(RetentionGroup.TREATMENT, "rule-1"),
                        dispatch("rule-1")));

        Predicate<EventMessage<?>> relevant = new RetentionSagaDeclaration(Fakes.settings(), history).relevant();
        assertThat(relevant).rejects(
                message(history(assessed(ALICE, "a-0", RiskBand.HIGH, RiskBand.MEDIUM), true, false)),
                message(history(assessed(ALICE, "a-0", RiskBand.HIGH, null), true, false)),
                message(history(assessed(ALICE, "a-1", RiskBand.LOW, RiskBand.HIGH), false, true)));
        assertThat(relevant).accepts(
                message(history(assessed(ALICE, "a-1", RiskBand.CRITICAL, RiskBand.HIGH), false, true)));

        // told to act on history (the embedded platform's simulated shop), history enters bands like the present
        RetentionSettings onHistory = Fakes.settingsActingOnHistory();
        assertThat(new RetentionSagaDeclaration(onHistory, history).relevant())
                .accepts(message(history(assessed(ALICE, "a-0", RiskBand.HIGH, RiskBand.MEDIUM), true, false)))
                .rejects(message(history(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.HIGH), false, true)));
    }

    /** Ten months before the tests' wall clock: the time a replay of history has reached. */
    private static final Instant H = T0.minus(Duration.ofDays(300));

    /** Alice enters HIGH in replayed history, as of {@link #H}. */
    private static RiskAssessedEvent assessedOnHistory() {
        RiskAssessedEvent e = assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM);
        return new RiskAssessedEvent(e.customerId(), e.assessmentId(), e.score(), e.band(), e.previousBand(),
                e.modelVersion(), e.featureSchemaVersion(), e.reasons(), H, T0, true, true);
    }

    private static OfferDispatchedEvent dispatchedOnHistory() {
        OfferDispatchedEvent e = dispatched("rule-1");
        return new OfferDispatchedEvent(e.customerId(), e.caseId(), e.offerId(), e.ruleId(), e.ruleVersion(),
                e.incentive(), e.channel(), e.message(), e.couponCode(), H.plus(Fakes.WINDOW), e.costPerRedemption(), H);
    }

    private static OrderPlacedEvent orderAt(Instant at) {
        return new OrderPlacedEvent(ALICE_ID, StorefrontEventId.of("e-o-" + at.getEpochSecond()), at,
                OrderId.of("o-" + at.getEpochSecond()), Money.of("40", "EUR"), null, null, List.of(), null);
    }

    private static Predicate<Object> outcomeAt(RetentionOutcome outcome, Instant at) {
        return c -> c instanceof RecordRetentionOutcomeCommand r && r.outcome() == outcome && r.caseId().equals(CASE)
                && r.occurredAt().equals(at) && r.windowEnds().equals(H.plus(Fakes.WINDOW))
                && r.followUpEnds().equals(H.plus(Fakes.WINDOW).plus(Fakes.FOLLOW_UP));
    }

    @Test
    void a_case_on_history_is_decided_budgeted_and_dispatched_as_of_the_time_it_describes() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessedOnHistory())
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(
                        c -> c instanceof AssignRetentionGroupCommand a && a.assignedAt().equals(H),
                        c -> c instanceof DispatchOfferCommand d && d.requestedAt().equals(H)
                                && d.validUntil().equals(H.plus(Fakes.WINDOW))));
        // the day's budget it counts against is the day it describes, not the day the replay ran
        assertThat(budgets.reservedAt).containsEntry(OFFER.value(), H);
    }

    @Test
    void a_case_on_history_is_dated_where_the_replay_has_got_to_when_the_saga_opens_it() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        // scored a debounce of wall time after its customer's events: the replay has moved on five days since
        Instant present = H.plus(Duration.ofDays(5));
        wall = T0;
        history.read(present);
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessedOnHistory())
                .expectDispatchedCommandsMatching(commands(
                        c -> c instanceof AssignRetentionGroupCommand a && a.assignedAt().equals(present),
                        c -> c instanceof DispatchOfferCommand d && d.requestedAt().equals(present)
                                && d.validUntil().equals(present.plus(Fakes.WINDOW))));
        assertThat(budgets.reservedAt).containsEntry(OFFER.value(), present);
    }

    @Test
    void a_postponed_offer_on_history_goes_out_once_the_replay_reaches_the_end_of_quiet_hours_dated_there() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        Instant morning = H.plus(Duration.ofHours(9));
        OfferDispatchRejectedEvent quiet = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER, RuleId.of("rule-1"),
                OfferRefusal.QUIET_HOURS, "quiet hours", morning, H);
        wall = T0;
        history.read(H.plus(Duration.ofHours(2)));
        wall = T0.plusSeconds(1);
        // the replay is still in the night: ask again
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), quiet)
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(T0.plusSeconds(1).plus(HistoryClock.ASK_AGAIN),
                        RetentionSaga.RETRY_DISPATCH);
        // the replay is a day and a half past the morning by the time the deadline asks: the offer goes out as of then
        Instant present = morning.plus(Duration.ofHours(36));
        history.read(present);
        fixture.whenTimeElapses(HistoryClock.ASK_AGAIN)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof DispatchOfferCommand d
                        && d.requestedAt().equals(present) && d.validUntil().equals(present.plus(Fakes.WINDOW))));
    }

    @Test
    void a_case_on_history_waits_for_the_replay_to_pass_the_end_of_its_window() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        // the replay has read events up to three days into the window: the wall clock is long past its end
        wall = T0;
        history.read(H.plus(Duration.ofDays(3)));
        wall = T0.plusSeconds(1);
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), dispatchedOnHistory())
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(T0.plusSeconds(1).plus(HistoryClock.ASK_AGAIN),
                        RetentionSaga.OUTCOME_WINDOW);
    }

    @Test
    void a_case_on_history_expires_at_its_window_end_once_the_replay_is_past_it() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        wall = T0;
        history.read(H.plus(Fakes.WINDOW).plus(HistoryClock.MARGIN));
        wall = T0.plusSeconds(1);
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), dispatchedOnHistory())
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectDispatchedCommandsMatching(commands(outcomeAt(RetentionOutcome.EXPIRED,
                        H.plus(Fakes.WINDOW))));
    }

    @Test
    void on_history_an_order_counts_by_when_it_happened() {
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        Instant inWindow = H.plus(Duration.ofDays(5));
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), dispatchedOnHistory())
                .whenPublishingA(orderAt(inWindow))
                .expectDispatchedCommandsMatching(commands(outcomeAt(RetentionOutcome.ORDERED_AGAIN, inWindow)));
        // read after the window ended (before the deadline saw the replay pass it): the window had expired
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), dispatchedOnHistory())
                .whenPublishingA(orderAt(H.plus(Fakes.WINDOW).plusSeconds(1)))
                .expectDispatchedCommandsMatching(commands(outcomeAt(RetentionOutcome.EXPIRED,
                        H.plus(Fakes.WINDOW))));
        // from before the case began (its customer's events reached the store behind others'): not an outcome
        use(Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100")), Fakes.settingsActingOnHistory());
        fixture.givenCurrentTime(T0)
                .andThenAggregate(ALICE).published(assessedOnHistory(), dispatchedOnHistory())
                .whenPublishingA(orderAt(H.minusSeconds(60)))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    private static RiskAssessedEvent history(RiskAssessedEvent e, boolean historical, boolean previousHistorical) {
        return new RiskAssessedEvent(e.customerId(), e.assessmentId(), e.score(), e.band(), e.previousBand(),
                e.modelVersion(), e.featureSchemaVersion(), e.reasons(), e.featuresAsOf(), e.assessedAt(), historical,
                previousHistorical);
    }

    private static EventMessage<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    @Test
    void a_holdout_case_gets_no_offer_but_the_same_outcome_window() {
        use(Fakes.ruleBook(Fakes.rule("Half held out", "true", 0.9, 0.5, "100")));
        String customer = holdoutCustomer(0.5);
        RetentionCaseId holdoutCase = RetentionCaseId.of("case-h-1");
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(customer, "h-1", RiskBand.HIGH, null))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof AssignRetentionGroupCommand a
                        && a.group() == RetentionGroup.HOLDOUT && a.caseId().equals(holdoutCase)))
                .expectScheduledDeadlineWithName(T0.plus(Fakes.WINDOW), RetentionSaga.OUTCOME_WINDOW);
        assertThat(budgets.left.get("rule-1")).isEqualByComparingTo("100");
    }

    @Test
    void a_rule_without_budget_holds_no_one_out() {
        use(Fakes.ruleBook(Fakes.rule("Half held out", "true", 0.9, 0.5, "100")));
        budgets.left.put("rule-1", BigDecimal.ZERO);
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(holdoutCustomer(0.5), "h-1", RiskBand.HIGH, null))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.BUDGET_EXHAUSTED));
    }

    /** A customer id the hash puts in the holdout of case h-1 at {@code share}. */
    private static String holdoutCustomer(double share) {
        for (int i = 0; ; i++) {
            String candidate = "c-" + i;
            if (HoldoutAssignment.assign(candidate, "case-h-1", RiskBand.HIGH, share) == RetentionGroup.HOLDOUT) {
                return candidate;
            }
        }
    }

    @Test
    void a_dispatched_offer_waits_until_it_expires() {
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .whenPublishingA(dispatched("rule-1"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(T0.plus(Fakes.WINDOW), RetentionSaga.OUTCOME_WINDOW);
    }

    @Test
    void an_order_with_the_offers_coupon_ends_the_case_redeemed() {
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM),
                        dispatched("rule-1"))
                .whenPublishingA(order(OfferPlanner.couponCode(CASE)))
                .expectDispatchedCommandsMatching(commands(outcome(RetentionOutcome.REDEEMED, OFFER)));
    }

    @Test
    void an_order_without_the_coupon_ends_the_case_ordered_again() {
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM),
                        dispatched("rule-1"))
                .whenPublishingA(order(null))
                .expectDispatchedCommandsMatching(commands(outcome(RetentionOutcome.ORDERED_AGAIN, OFFER)));
    }

    @Test
    void silence_until_the_window_ends_is_expired() {
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .andThenAPublished(dispatched("rule-1"))
                .whenTimeElapses(Fakes.WINDOW.plusMinutes(1))
                .expectDeadlinesMet(new RetentionSaga.OutcomeWindowEnded(CASE.value()))
                .expectDispatchedCommandsMatching(commands(outcome(RetentionOutcome.EXPIRED, OFFER)));
    }

    @Test
    void the_recorded_outcome_ends_the_saga_and_settles_the_budget() {
        RetentionOutcomeRecordedEvent redeemed = new RetentionOutcomeRecordedEvent(ALICE_ID, CASE, OFFER,
                RuleId.of("rule-1"), RetentionGroup.TREATMENT, RiskBand.HIGH, RetentionOutcome.REDEEMED, true,
                Money.of("5.00", "EUR"), "o-9", T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM),
                        dispatched("rule-1"))
                .whenPublishingA(redeemed)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(budgets.spent).containsExactly(OFFER.value());
        assertThat(budgets.released).isEmpty();
    }

    @Test
    void a_contact_policy_refusal_gives_the_budget_back_and_still_measures_the_case() {
        OfferDispatchRejectedEvent noConsent = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER,
                RuleId.of("rule-1"), OfferRefusal.NO_CONSENT, "no marketing consent for EMAIL", null, T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .whenPublishingA(noConsent)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(T0.plus(Fakes.WINDOW), RetentionSaga.OUTCOME_WINDOW);
        assertThat(budgets.released).containsExactly(OFFER.value());
    }

    @Test
    void after_a_refusal_an_order_counts_as_ordered_again_without_an_offer() {
        OfferDispatchRejectedEvent noConsent = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER,
                RuleId.of("rule-1"), OfferRefusal.NO_CONSENT, "no marketing consent for EMAIL", null, T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM), noConsent)
                .whenPublishingA(order(OfferPlanner.couponCode(CASE)))
                .expectDispatchedCommandsMatching(commands(outcome(RetentionOutcome.ORDERED_AGAIN, null)));
    }

    @Test
    void quiet_hours_postpone_the_dispatch_until_they_end() {
        Instant morning = T0.plus(Duration.ofHours(9));
        OfferDispatchRejectedEvent quiet = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER, RuleId.of("rule-1"),
                OfferRefusal.QUIET_HOURS, "quiet hours", morning, T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM), quiet)
                .whenTimeElapses(Duration.ofHours(10))
                .expectDeadlinesMet(new RetentionSaga.DispatchRetryDue(CASE.value()))
                .expectDispatchedCommandsMatching(commands(dispatch("rule-1")));
        assertThat(budgets.released).isEmpty();
    }

    @Test
    void a_case_that_ends_before_its_postponed_offer_went_out_gives_the_budget_back() {
        OfferDispatchRejectedEvent quiet = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER, RuleId.of("rule-1"),
                OfferRefusal.QUIET_HOURS, "quiet hours", T0.plus(Duration.ofHours(9)), T0);
        RetentionOutcomeRecordedEvent ordered = new RetentionOutcomeRecordedEvent(ALICE_ID, CASE, null,
                RuleId.of("rule-1"), RetentionGroup.TREATMENT, RiskBand.HIGH, RetentionOutcome.ORDERED_AGAIN, true,
                null, "o-9", T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(
                        assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM), quiet, order(null))
                .whenPublishingA(ordered)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(budgets.released).containsExactly(OFFER.value());
    }

    @Test
    void an_order_while_the_offer_waits_for_quiet_hours_to_end_is_not_a_redemption() {
        OfferDispatchRejectedEvent quiet = new OfferDispatchRejectedEvent(ALICE_ID, CASE, OFFER, RuleId.of("rule-1"),
                OfferRefusal.QUIET_HOURS, "quiet hours", T0.plus(Duration.ofHours(9)), T0);
        fixture.givenCurrentTime(T0).andThenAggregate(ALICE).published(
                        assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM), quiet)
                .whenPublishingA(order(OfferPlanner.couponCode(CASE)))
                .expectDispatchedCommandsMatching(commands(outcome(RetentionOutcome.ORDERED_AGAIN, null)));
    }

    @Test
    void a_spent_budget_falls_back_to_the_next_rule() {
        budgets.left.put("rule-1", BigDecimal.ZERO);
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(assignment(RetentionGroup.TREATMENT, "rule-2"),
                        dispatch("rule-2")));
        assertThat(budgets.left.get("rule-2")).isEqualByComparingTo("95.00");
    }

    @Test
    void when_every_budget_is_spent_the_customer_is_unserved_with_the_reason() {
        budgets.left.put("rule-1", BigDecimal.ZERO);
        budgets.left.put("rule-2", new BigDecimal("4.99"));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.BUDGET_EXHAUSTED && u.detail().contains("Best")
                        && u.detail().contains("Runner-up")));
    }

    @Test
    void a_rule_on_a_channel_the_customer_has_not_consented_to_passes_the_case_to_the_next() {
        RuleBook rules = Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100"),
                Fakes.on(ContactChannel.SMS, Fakes.rule("By SMS", "true", 0.4, 0.0, "100")));
        use(rules);
        fixture.registerResource(Fakes.planner(rules, budgets, Fakes.contexts(Map.of("EMAIL", false, "SMS", true))));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(assignment(RetentionGroup.TREATMENT, "rule-2"),
                        c -> c instanceof DispatchOfferCommand d && d.ruleId().value().equals("rule-2")
                                && d.channel() == ContactChannel.SMS));
        assertThat(budgets.left.get("rule-1")).isEqualByComparingTo("100");
    }

    @Test
    void a_customer_who_consents_to_none_of_the_admitting_rules_channels_is_unserved_for_consent() {
        RuleBook rules = Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100"));
        use(rules);
        fixture.registerResource(Fakes.planner(rules, budgets, Fakes.contexts(Map.of("EMAIL", false))));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.NO_CONSENT && u.detail().contains("EMAIL")));
        assertThat(budgets.reservedRule).isEmpty();
    }

    /** The start of the UTC day after {@link #T0}. */
    private static final Instant NEXT_DAY = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void a_case_stopped_only_by_days_limits_is_decided_again_the_next_day() {
        // today's limits are spent, the campaigns' totals are not
        budgets.left.put("rule-1", BigDecimal.ZERO);
        budgets.left.put("rule-2", BigDecimal.ZERO);
        budgets.leftInTotal.put("rule-1", new BigDecimal("500"));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(c -> c instanceof DeferRetentionCaseCommand d
                        && d.caseId().equals(CASE) && d.reason() == OfferRefusal.BUDGET_EXHAUSTED
                        && d.retryAt().equals(NEXT_DAY) && d.at().equals(T0) && d.detail().contains("today's budget")))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(NEXT_DAY, RetentionSaga.RETRY_PLAN);
        // an order meanwhile is no outcome: nothing was decided yet
        fixture.whenPublishingA(order(null)).expectNoDispatchedCommands();
        // a new day, a new day's budget
        budgets.left.put("rule-1", new BigDecimal("100"));
        fixture.whenTimeAdvancesTo(NEXT_DAY)
                .expectDeadlinesMet(new RetentionSaga.PlanRetryDue(CASE.value()))
                .expectDispatchedCommandsMatching(commands(
                        c -> assignment(RetentionGroup.TREATMENT, "rule-1").test(c)
                                && ((AssignRetentionGroupCommand) c).assignedAt().equals(NEXT_DAY),
                        c -> dispatch("rule-1").test(c) && ((DispatchOfferCommand) c).requestedAt().equals(NEXT_DAY)));
    }

    @Test
    void a_case_waits_for_budget_a_limited_number_of_days_and_not_once_the_customer_has_left_the_band() {
        budgets.left.put("rule-1", BigDecimal.ZERO);
        budgets.left.put("rule-2", BigDecimal.ZERO);
        budgets.leftInTotal.put("rule-1", new BigDecimal("500"));
        // budget-wait-days is 2 in the fakes: decided on day 0, waits for days 1 and 2, then gives up
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(c -> c instanceof DeferRetentionCaseCommand d
                        && d.retryAt().equals(NEXT_DAY)));
        fixture.whenTimeAdvancesTo(NEXT_DAY.plus(Duration.ofDays(1)))
                .expectDispatchedCommandsMatching(commands(c -> c instanceof DeferRetentionCaseCommand d
                        && d.retryAt().equals(NEXT_DAY.plus(Duration.ofDays(1))) && d.at().equals(NEXT_DAY),
                        c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.BUDGET_EXHAUSTED && u.detail().contains("today's budget")
                        && u.detail().contains("2 times") && u.at().equals(NEXT_DAY.plus(Duration.ofDays(1)))))
                .expectActiveSagas(0);

        // a customer whose latest assessment is out of the actionable bands by the next day is not served then
        RuleBook rules = Fakes.ruleBook(Fakes.rule("Best", "true", 0.9, 0.0, "100"));
        use(rules);
        fixture.registerResource(Fakes.planner(rules, budgets, Fakes.contexts(Map.of("EMAIL", true), RiskBand.LOW)));
        budgets.left.put("rule-1", BigDecimal.ZERO);
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectDispatchedCommandsMatching(commands(c -> c instanceof DeferRetentionCaseCommand));
        budgets.left.put("rule-1", new BigDecimal("100"));
        fixture.whenTimeAdvancesTo(NEXT_DAY)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.BUDGET_EXHAUSTED && u.detail().contains("in band LOW")))
                .expectActiveSagas(0);
    }

    @Test
    void a_customer_no_rule_admits_is_unserved() {
        use(Fakes.ruleBook(Fakes.rule("Platinum only", "tier == 'PLATINUM'", 0.9, 0.0, "100")));
        fixture.givenCurrentTime(T0)
                .whenPublishingA(assessed(ALICE, "a-1", RiskBand.HIGH, RiskBand.MEDIUM))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(c -> c instanceof RecordRetentionUnservedCommand u
                        && u.reason() == OfferRefusal.NO_ELIGIBLE_RULE));
    }
}
