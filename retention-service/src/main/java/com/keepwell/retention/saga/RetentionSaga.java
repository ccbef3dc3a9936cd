package com.keepwell.retention.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.keepwell.domain.api.*;
import com.keepwell.retention.budget.Budgets;

/**
 * One retention case, from entering an actionable risk band to its outcome:
 * <ol>
 * <li>a risk assessment moves the customer into an actionable band: open a case;</li>
 * <li>the planner picks the rule with the best expected net value and puts the case in that rule's treatment or
 * holdout arm (or records it unserved, with the reason, and ends; where only days' limits stopped the rules, the
 * case is decided again at the start of the next day, on up to {@code budget-wait-days} days);</li>
 * <li>holdout: the aggregate records the arm, and a persistent deadline marks the end of the outcome window;</li>
 * <li>treatment: the aggregate records the arm and is asked to dispatch the offer under the contact policy; once
 * dispatched, the outcome window runs until the offer expires (the offer itself reaches Kafka through
 * {@code OfferPublisher}); refused during quiet hours, it is retried when they end; refused otherwise, the
 * budget is given back and the case still runs its window, so treated and holdout arms stay comparable;</li>
 * <li>an order with the offer's coupon ends the case as redeemed, any other order as ordered again, account
 * closure as closed, the deadline as expired; the aggregate records the outcome once, and the case ends on that
 * event, settling the budget (kept if redeemed, given back otherwise);</li>
 * <li>the outcome carries the end of the follow-up ({@code follow-up} after the window): the aggregate, not this
 * saga, records the customer's first order in it, so a new case may open meanwhile.</li>
 * </ol>
 * "Now" is the timestamp of the message being handled, so a decision is dated when its cause happened and tests
 * control time. A case opened on an assessment of replayed history ({@code act-on-history}) runs on the history's
 * time instead: it is decided, budgeted and dispatched as of the replay's present (the {@link HistoryClock}: as a
 * live case is dated when the saga handles it, not when its customer's features were taken), its window ends a
 * validity later in storefront time, and the customer's events count by when they happened; its deadlines, which
 * fire on the wall clock, wait until the {@link HistoryClock} says the replay has passed their time. Every handler
 * may run twice (redelivery, a deadline firing again after a crash): the commands it sends are idempotent in the
 * aggregate.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RetentionSaga {

    static final String CUSTOMER = "customerId";
    static final String CASE = "caseId";
    static final String OUTCOME_WINDOW = "retention-outcome-window";
    static final String RETRY_DISPATCH = "retention-retry-dispatch";
    static final String RETRY_PLAN = "retention-retry-plan";

    /** Deadline payloads: a deadline handler's first parameter is its payload. */
    record OutcomeWindowEnded(String caseId) {
    }

    record DispatchRetryDue(String caseId) {
    }

    record PlanRetryDue(String caseId) {
    }

    private String customerId;
    private String caseId;
    /** The offer (and budget reservation) of a treated case; null for holdout and once a refusal gave it back. */
    private String offerId;
    private String couponCode;
    private int validityDays;
    private Instant assignedAt;
    private DispatchOfferCommand pendingDispatch;
    private boolean outcomeRequested;
    /** The case runs on replayed history's time. */
    private boolean onHistory;
    /** The assessment that opened the case. */
    private RiskBand band;
    private double score;
    private List<String> reasons;
    /** While the case waits for a new day's budget: when it is decided again, and what it waits for. */
    private Instant budgetRetryAt;
    private String waitedFor;
    private int budgetWaits;
    /** When the outcome window ends (storefront time on history); as planned until the offer goes out. */
    private Instant windowEnds;
    /** When a postponed dispatch is due. */
    private Instant retryAt;
    /** How long the customer is followed after the window (null in cases opened before follow-ups existed). */
    private Duration followUp;

    @StartSaga
    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(RiskAssessedEvent e, @Timestamp Instant recordedAt, OfferPlanner planner, RetentionSettings settings,
            CommandGateway commands, DeadlineManager deadlines, HistoryClock history) {
        if (caseId != null) {
            return;
        }
        if (!opensCase(e, settings)) {
            SagaLifecycle.end();
            return;
        }
        customerId = e.customerId().value();
        caseId = "case-" + e.assessmentId();
        followUp = settings.followUp();
        SagaLifecycle.associateWith(CASE, caseId);
        RetentionCaseId id = RetentionCaseId.of(caseId);
        onHistory = e.historical();
        band = e.band();
        score = e.score().value();
        reasons = e.reasons().stream().map(RiskReason::code).toList();
        Instant now = onHistory ? latest(e.featuresAsOf(), history.present()) : recordedAt;
        // the customer's facts are read as of the time the assessment describes (a backfill scores the past)
        act(planner.plan(customerId, id, score, band, reasons, e.featuresAsOf(), now), now, settings, commands,
                deadlines);
    }

    /** Carries out a decision on the case at {@code now}. */
    private void act(OfferDecision decision, Instant now, RetentionSettings settings, CommandGateway commands,
            DeadlineManager deadlines) {
        CustomerId customer = CustomerId.of(customerId);
        RetentionCaseId id = RetentionCaseId.of(caseId);
        if (decision instanceof OfferDecision.WaitForBudget wait && budgetWaits < settings.budgetWaitDays()) {
            budgetWaits++;
            budgetRetryAt = wait.retryAt();
            waitedFor = wait.detail();
            deadlines.schedule(budgetRetryAt, RETRY_PLAN, new PlanRetryDue(caseId));
            // on the customer's record, so agents and marketers see the case waiting
            commands.sendAndWait(new DeferRetentionCaseCommand(customer, id, band, OfferRefusal.BUDGET_EXHAUSTED,
                    wait.detail(), budgetRetryAt, now));
        } else if (decision instanceof OfferDecision.WaitForBudget wait) {
            commands.sendAndWait(new RecordRetentionUnservedCommand(customer, id, band,
                    OfferRefusal.BUDGET_EXHAUSTED, wait.detail() + "; waited for a new day's budget "
                    + budgetWaits + " times", now));
            SagaLifecycle.end();
        } else if (decision instanceof OfferDecision.Unserved unserved) {
            commands.sendAndWait(new RecordRetentionUnservedCommand(customer, id, band, unserved.reason(),
                    unserved.detail(), now));
            SagaLifecycle.end();
        } else if (decision instanceof OfferDecision.Holdout holdout) {
            validityDays = holdout.validityDays();
            assignedAt = now;
            windowEnds = now.plus(settings.outcomeWindow(validityDays));
            commands.sendAndWait(new AssignRetentionGroupCommand(customer, id, holdout.rule(),
                    holdout.version(), RetentionGroup.HOLDOUT, band, RiskScore.of(score), now, holdout.exploring()));
            deadlines.schedule(windowEnds, OUTCOME_WINDOW, new OutcomeWindowEnded(caseId));
        } else {
            OfferDecision.Treat treat = (OfferDecision.Treat) decision;
            offerId = treat.offerId().value();
            couponCode = treat.couponCode();
            validityDays = treat.validityDays();
            assignedAt = now;
            // as planned: the offer may go out later (quiet hours), and its window then ends later
            windowEnds = treat.validUntil();
            commands.sendAndWait(new AssignRetentionGroupCommand(customer, id, treat.rule(), treat.version(),
                    RetentionGroup.TREATMENT, band, RiskScore.of(score), now, treat.exploring()));
            pendingDispatch = new DispatchOfferCommand(customer, id, treat.offerId(), treat.rule(),
                    treat.version(), treat.incentive(), treat.channel(), treat.message(), treat.couponCode(),
                    treat.validUntil(), treat.costPerRedemption(), now, settings.contactPolicy());
            commands.sendAndWait(pendingDispatch);
        }
    }

    /**
     * A case that waited for a new day's budget is decided again, with the assessment that opened it, unless the
     * customer has left the actionable bands meanwhile. On history, once the replay has reached the new day.
     */
    @DeadlineHandler(deadlineName = RETRY_PLAN)
    void on(PlanRetryDue deadline, @Timestamp Instant due, OfferPlanner planner, RetentionSettings settings,
            CommandGateway commands, HistoryClock history, DeadlineManager deadlines) {
        if (budgetRetryAt == null) {
            return;
        }
        Instant now = onHistory ? reached(history, budgetRetryAt) : due;
        if (now == null) {
            deadlines.schedule(history.askAgainAt(budgetRetryAt), RETRY_PLAN, deadline);
            return;
        }
        budgetRetryAt = null;
        act(planner.replan(customerId, RetentionCaseId.of(caseId), score, band, reasons, settings.actionableBands(),
                waitedFor, now), now, settings, commands, deadlines);
    }

    /**
     * Whether an assessment opens a case: the customer enters an actionable band from outside them. Unless
     * {@code act-on-history} is set, an assessment of replayed history opens none, and the first of the present
     * after one counts as entering. Assessments that open none never reach a saga in the running service
     * ({@link RetentionSagaDeclaration}); most do not.
     */
    static boolean opensCase(RiskAssessedEvent e, RetentionSettings settings) {
        List<RiskBand> actionable = settings.actionableBands();
        if (!settings.enabled() || !actionable.contains(e.band())) {
            return false;
        }
        if (settings.actOnHistory()) {
            return e.previousBand() == null || !actionable.contains(e.previousBand());
        }
        // history is passed over: the first assessment of the present counts as entering from wherever history left
        // the customer
        return !e.historical() && (e.previousBand() == null || e.previousHistorical()
                || !actionable.contains(e.previousBand()));
    }

    @SagaEventHandler(associationProperty = CASE)
    void on(OfferDispatchedEvent e, DeadlineManager deadlines) {
        pendingDispatch = null;
        windowEnds = e.validUntil();
        deadlines.schedule(windowEnds, OUTCOME_WINDOW, new OutcomeWindowEnded(caseId));
    }

    @SagaEventHandler(associationProperty = CASE)
    void on(OfferDispatchRejectedEvent e, Budgets budgets, RetentionSettings settings, DeadlineManager deadlines) {
        if (e.postponed()) {
            retryAt = e.retryAfter();
            deadlines.schedule(retryAt, RETRY_DISPATCH, new DispatchRetryDue(caseId));
            return;
        }
        budgets.release(e.offerId().value());
        pendingDispatch = null;
        offerId = null;
        windowEnds = assignedAt.plus(settings.outcomeWindow(validityDays));
        deadlines.schedule(windowEnds, OUTCOME_WINDOW, new OutcomeWindowEnded(caseId));
    }

    @DeadlineHandler(deadlineName = RETRY_DISPATCH)
    void on(DispatchRetryDue deadline, @Timestamp Instant due, RetentionSettings settings,
            CommandGateway commands, HistoryClock history, DeadlineManager deadlines) {
        if (pendingDispatch == null) {
            return;
        }
        // on history the customer may have ordered meanwhile: dispatch once the replay has shown what came before,
        // as of where the replay is then
        Instant now = onHistory ? reached(history, retryAt) : due;
        if (now == null) {
            deadlines.schedule(history.askAgainAt(retryAt), RETRY_DISPATCH, deadline);
            return;
        }
        DispatchOfferCommand c = pendingDispatch;
        commands.sendAndWait(new DispatchOfferCommand(c.customerId(), c.caseId(), c.offerId(), c.ruleId(),
                c.ruleVersion(), c.incentive(), c.channel(), c.message(), c.couponCode(),
                now.plus(settings.outcomeWindow(validityDays)), c.costPerRedemption(), now, c.policy()));
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(OrderPlacedEvent e, @Timestamp Instant at, CommandGateway commands) {
        if (!counts(e, commands)) {
            return;
        }
        boolean redeemed = pendingDispatch == null && offerId != null && couponCode.equalsIgnoreCase(e.couponCode());
        recordOutcome(commands, redeemed ? RetentionOutcome.REDEEMED : RetentionOutcome.ORDERED_AGAIN,
                e.orderId().value(), timeOf(e, at));
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(CouponAppliedEvent e, @Timestamp Instant at, CommandGateway commands) {
        if (counts(e, commands) && pendingDispatch == null && offerId != null
                && couponCode.equalsIgnoreCase(e.couponCode())) {
            recordOutcome(commands, RetentionOutcome.REDEEMED, e.orderId() == null ? e.couponCode()
                    : e.orderId().value(), timeOf(e, at));
        }
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(AccountClosedEvent e, @Timestamp Instant at, CommandGateway commands) {
        if (counts(e, commands)) {
            recordOutcome(commands, RetentionOutcome.ACCOUNT_CLOSED, null, timeOf(e, at));
        }
    }

    @DeadlineHandler(deadlineName = OUTCOME_WINDOW)
    void on(OutcomeWindowEnded deadline, @Timestamp Instant at, CommandGateway commands, HistoryClock history,
            DeadlineManager deadlines) {
        if (!onHistory) {
            recordOutcome(commands, RetentionOutcome.EXPIRED, null, at);
        } else if (history.passed(windowEnds)) {
            recordOutcome(commands, RetentionOutcome.EXPIRED, null, windowEnds);
        } else {
            deadlines.schedule(history.askAgainAt(windowEnds), OUTCOME_WINDOW, deadline);
        }
    }

    /**
     * On history, the time to act at once the replay has reached {@code t}: where the replay is (or {@code t}, once
     * no replay runs and the wall clock has passed it); null while it has not got there.
     */
    private static Instant reached(HistoryClock history, Instant t) {
        Instant present = history.present();
        if (present == null) {
            return history.passed(t) ? t : null;
        }
        return present.isBefore(t) ? null : present;
    }

    /** The later of two times; {@code b} may be null. */
    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    /** When a customer event counts for the case: when it happened on history, when it was recorded otherwise. */
    private Instant timeOf(CustomerEvent e, Instant recordedAt) {
        return onHistory ? e.occurredAt() : recordedAt;
    }

    /**
     * Whether a customer event can end the case. On history, by when it happened: one from before the case began
     * (a customer whose events reach the store behind others') does not; one from after the window ended (read
     * before the deadline saw the replay pass the window's end) ends the case as expired, at the window's end.
     * Live, the deadline has ended the case before any such event.
     */
    private boolean counts(CustomerEvent e, CommandGateway commands) {
        if (caseId == null || assignedAt == null) {
            // not decided yet (waiting for a new day's budget): the decision will read the customer's facts then
            return false;
        }
        if (!onHistory) {
            return true;
        }
        if (e.occurredAt().isBefore(assignedAt)) {
            return false;
        }
        if (windowEnds != null && e.occurredAt().isAfter(windowEnds)) {
            recordOutcome(commands, RetentionOutcome.EXPIRED, null, windowEnds);
            return false;
        }
        return true;
    }

    @EndSaga
    @SagaEventHandler(associationProperty = CASE)
    void on(RetentionOutcomeRecordedEvent e, Budgets budgets, DeadlineManager deadlines) {
        // the saga's own reservation, also when the case ended before a postponed offer went out
        if (offerId != null) {
            if (e.outcome() == RetentionOutcome.REDEEMED) {
                budgets.spend(offerId);
            } else {
                budgets.release(offerId);
            }
        }
        deadlines.cancelAllWithinScope(OUTCOME_WINDOW);
        deadlines.cancelAllWithinScope(RETRY_DISPATCH);
    }

    private void recordOutcome(CommandGateway commands, RetentionOutcome outcome, String triggeredBy, Instant at) {
        if (outcomeRequested) {
            return;
        }
        outcomeRequested = true;
        Instant followUpEnds = windowEnds == null || followUp == null || followUp.isZero() ? null
                : windowEnds.plus(followUp);
        commands.sendAndWait(new RecordRetentionOutcomeCommand(CustomerId.of(customerId), RetentionCaseId.of(caseId),
                offerId == null || pendingDispatch != null ? null : OfferId.of(offerId), outcome, triggeredBy, at,
                windowEnds, followUpEnds));
    }
}
