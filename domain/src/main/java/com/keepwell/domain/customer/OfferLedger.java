package com.keepwell.domain.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import com.keepwell.domain.api.*;

/**
 * The retention side of a customer: retention cases, the offers they received, and the contact policy that
 * decides whether one more may go out. A member of the {@code Customer} aggregate, so the policy is checked
 * against the same event stream that records consent changes and account closure. None of these commands create
 * a customer: retention only acts on customers the platform knows.
 */
class OfferLedger {

    /**
     * One retention case: its arm, rule and band; the offer made under it; whether it has ended; once ended, the
     * follow-up after its window (null ends: none) and whether an order in it has been recorded.
     */
    private record Case(RetentionGroup group, RuleId ruleId, RiskBand band, OfferId offerId, boolean ended,
            Instant windowEnds, Instant followUpEnds, boolean followedUp) {

        Case(RetentionGroup group, RuleId ruleId, RiskBand band, boolean ended) {
            this(group, ruleId, band, null, ended, null, null, false);
        }

        Case withOffer(OfferId offer) {
            return new Case(group, ruleId, band, offer, ended, windowEnds, followUpEnds, followedUp);
        }

        Case closed(Instant windowEnds, Instant followUpEnds) {
            return new Case(group, ruleId, band, offerId, true, windowEnds, followUpEnds, followedUp);
        }

        Case orderedAfterWindow() {
            return new Case(group, ruleId, band, offerId, ended, windowEnds, followUpEnds, true);
        }

        /** Whether an order at {@code t} falls in the follow-up after the window and is the first there. */
        boolean awaitsOrderAt(Instant t) {
            return ended && followUpEnds != null && !followedUp && t.isAfter(windowEnds) && !t.isAfter(followUpEnds);
        }
    }

    /** One dispatched offer. */
    private record Offer(RetentionCaseId caseId, ContactChannel channel, Instant validUntil, Money cost) {
    }

    private boolean closed;
    private String timeZone;
    private final Map<ContactChannel, Boolean> consent = new EnumMap<>(ContactChannel.class);
    private final Map<RetentionCaseId, Case> cases = new HashMap<>();
    private final Map<OfferId, Offer> offers = new HashMap<>();
    private final Set<OfferId> openOffers = new HashSet<>();
    private final List<Instant> dispatchTimes = new ArrayList<>();
    private final Set<String> feedbackIds = new HashSet<>();
    /** When each order was placed: a case's outcome may be recorded after orders of its follow-up. */
    private final Map<OrderId, Instant> orderTimes = new HashMap<>();
    /** Cases waiting for a new day's budget, and until when; removed once the case is decided. */
    private final Map<RetentionCaseId, Instant> deferredUntil = new HashMap<>();

    @CommandHandler
    Recording handle(AssignRetentionGroupCommand c) {
        if (cases.containsKey(c.caseId())) {
            return Recording.DUPLICATE;
        }
        apply(new RetentionGroupAssignedEvent(c.customerId(), c.caseId(), c.ruleId(), c.ruleVersion(), c.group(),
                c.band(), c.score(), c.assignedAt(), c.exploring()));
        return Recording.RECORDED;
    }

    @CommandHandler
    Recording handle(DispatchOfferCommand c) {
        if (offers.containsKey(c.offerId())) {
            return Recording.DUPLICATE;
        }
        Case retentionCase = requireCase(c.caseId());
        if (retentionCase.group() != RetentionGroup.TREATMENT) {
            throw new CustomerCommandRejectedException(RejectionCode.OFFER_TO_HOLDOUT,
                    "case " + c.caseId() + " is in the holdout group; it must not receive an offer");
        }
        ContactRules.Situation situation = new ContactRules.Situation(closed,
                Boolean.TRUE.equals(consent.get(c.channel())), hasOpenOffer(c.requestedAt()), dispatchTimes, timeZone);
        Optional<ContactRules.Refusal> refusal = ContactRules.check(c.policy(), situation, c.channel().name(),
                c.requestedAt());
        if (refusal.isPresent()) {
            ContactRules.Refusal r = refusal.get();
            apply(new OfferDispatchRejectedEvent(c.customerId(), c.caseId(), c.offerId(), c.ruleId(), r.reason(),
                    r.detail(), r.retryAfter(), c.requestedAt()));
            return Recording.RECORDED;
        }
        apply(new OfferDispatchedEvent(c.customerId(), c.caseId(), c.offerId(), c.ruleId(), c.ruleVersion(),
                c.incentive(), c.channel(), c.message(), c.couponCode(), c.validUntil(), c.costPerRedemption(),
                c.requestedAt()));
        return Recording.RECORDED;
    }

    @CommandHandler
    Recording handle(RecordRetentionUnservedCommand c) {
        Case retentionCase = cases.get(c.caseId());
        if (retentionCase != null && retentionCase.ended()) {
            return Recording.DUPLICATE;
        }
        apply(new RetentionUnservedEvent(c.customerId(), c.caseId(), c.band(), c.reason(), c.detail(), c.at()));
        return Recording.RECORDED;
    }

    @CommandHandler
    Recording handle(DeferRetentionCaseCommand c) {
        if (cases.containsKey(c.caseId()) || c.retryAt().equals(deferredUntil.get(c.caseId()))) {
            return Recording.DUPLICATE;
        }
        apply(new RetentionCaseDeferredEvent(c.customerId(), c.caseId(), c.band(), c.reason(), c.detail(),
                c.retryAt(), c.at()));
        return Recording.RECORDED;
    }

    @CommandHandler
    Recording handle(RecordOfferFeedbackCommand c) {
        if (feedbackIds.contains(c.feedbackId())) {
            return Recording.DUPLICATE;
        }
        Offer offer = offers.get(c.offerId());
        if (offer == null) {
            throw new CustomerCommandRejectedException(RejectionCode.UNKNOWN_OFFER,
                    "offer " + c.offerId() + " was never dispatched to this customer");
        }
        apply(new OfferFeedbackRecordedEvent(c.customerId(), c.offerId(), c.feedbackId(), offer.channel(),
                c.feedback(), c.occurredAt()));
        if (c.feedback() == OfferFeedback.UNSUBSCRIBED && Boolean.TRUE.equals(consent.get(offer.channel()))) {
            apply(new MarketingConsentChangedEvent(c.customerId(), StorefrontEventId.of(c.feedbackId()),
                    c.occurredAt(), offer.channel(), false));
        }
        return Recording.RECORDED;
    }

    @CommandHandler
    Recording handle(RecordRetentionOutcomeCommand c) {
        Case retentionCase = requireCase(c.caseId());
        if (retentionCase.ended()) {
            return Recording.DUPLICATE;
        }
        Offer offer = retentionCase.offerId() == null ? null : offers.get(retentionCase.offerId());
        Money cost = offer == null ? null
                : c.outcome() == RetentionOutcome.REDEEMED ? offer.cost() : Money.zero(offer.cost().currency());
        Instant followUpEnds = c.windowEnds() == null ? null : c.followUpEnds();
        apply(new RetentionOutcomeRecordedEvent(c.customerId(), c.caseId(), retentionCase.offerId(),
                retentionCase.ruleId(), retentionCase.group(), retentionCase.band(), c.outcome(), c.outcome().retained(),
                cost, c.triggeredBy(), c.occurredAt(), c.windowEnds(), followUpEnds));
        // an order of the follow-up may already be here: on replayed history the outcome is recorded once the replay
        // has passed the window's end, after the order that showed it had
        orderTimes.entrySet().stream()
                .filter(order -> cases.get(c.caseId()).awaitsOrderAt(order.getValue()))
                .min(Map.Entry.comparingByValue())
                .ifPresent(order -> orderedAfterWindow(c.customerId(), c.caseId(), order.getKey(), order.getValue()));
        return Recording.RECORDED;
    }

    /**
     * An order was placed: for each ended case whose follow-up it falls in, records that the customer ordered after
     * the window. Called by the aggregate root after it has applied the order.
     */
    void orderPlaced(CustomerId customerId, OrderId orderId, Instant at) {
        cases.entrySet().stream()
                .filter(c -> c.getValue().awaitsOrderAt(at))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(RetentionCaseId::value))
                .toList()
                .forEach(caseId -> orderedAfterWindow(customerId, caseId, orderId, at));
    }

    private void orderedAfterWindow(CustomerId customerId, RetentionCaseId caseId, OrderId orderId, Instant at) {
        Case c = cases.get(caseId);
        apply(new OrderedAfterRetentionWindowEvent(customerId, caseId, c.ruleId(), c.group(), c.band(), orderId, at,
                c.windowEnds(), c.followUpEnds()));
    }

    private Case requireCase(RetentionCaseId caseId) {
        Case retentionCase = cases.get(caseId);
        if (retentionCase == null) {
            throw new CustomerCommandRejectedException(RejectionCode.UNKNOWN_RETENTION_CASE,
                    "retention case " + caseId + " was never assigned to a group for this customer");
        }
        return retentionCase;
    }

    private boolean hasOpenOffer(Instant at) {
        return openOffers.stream().anyMatch(id -> offers.get(id).validUntil().isAfter(at));
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent e) {
        closed = false;
        timeZone = e.timeZone();
        if (e.consents() != null) {
            consent.putAll(e.consents());
        }
    }

    @EventSourcingHandler
    void on(MarketingConsentChangedEvent e) {
        consent.put(e.channel(), e.granted());
    }

    @EventSourcingHandler
    void on(AccountClosedEvent e) {
        closed = true;
    }

    @EventSourcingHandler
    void on(RetentionGroupAssignedEvent e) {
        cases.put(e.caseId(), new Case(e.group(), e.ruleId(), e.band(), false));
        deferredUntil.remove(e.caseId());
    }

    @EventSourcingHandler
    void on(OfferDispatchedEvent e) {
        offers.put(e.offerId(), new Offer(e.caseId(), e.channel(), e.validUntil(), e.costPerRedemption()));
        openOffers.add(e.offerId());
        dispatchTimes.add(e.dispatchedAt());
        cases.computeIfPresent(e.caseId(), (id, retentionCase) -> retentionCase.withOffer(e.offerId()));
    }

    @EventSourcingHandler
    void on(OfferFeedbackRecordedEvent e) {
        feedbackIds.add(e.feedbackId());
    }

    @EventSourcingHandler
    void on(RetentionUnservedEvent e) {
        cases.put(e.caseId(), new Case(RetentionGroup.TREATMENT, null, e.band(), true));
        deferredUntil.remove(e.caseId());
    }

    @EventSourcingHandler
    void on(RetentionCaseDeferredEvent e) {
        deferredUntil.put(e.caseId(), e.retryAt());
    }

    @EventSourcingHandler
    void on(RetentionOutcomeRecordedEvent e) {
        cases.computeIfPresent(e.caseId(), (id, retentionCase) -> retentionCase.closed(e.windowEnds(),
                e.followUpEnds()));
        if (e.offerId() != null) {
            openOffers.remove(e.offerId());
        }
    }

    @EventSourcingHandler
    void on(OrderedAfterRetentionWindowEvent e) {
        cases.computeIfPresent(e.caseId(), (id, retentionCase) -> retentionCase.orderedAfterWindow());
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent e) {
        orderTimes.put(e.orderId(), e.occurredAt());
    }
}
