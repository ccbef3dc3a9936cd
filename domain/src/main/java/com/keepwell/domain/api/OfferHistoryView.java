package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

/** A customer's offers and what happened to each. */
public record OfferHistoryView(List<Offer> offers) {

    /**
     * One offer: what was sent, through which channel, the last channel report ({@code lastFeedback}, null before
     * any) and how the case ended ({@code outcome}, null while the outcome window is open).
     */
    public record Offer(OfferId offerId, RuleId ruleId, int ruleVersion, Incentive incentive, ContactChannel channel,
            String message, String couponCode, Instant dispatchedAt, Instant validUntil, OfferFeedback lastFeedback,
            Instant lastFeedbackAt, RetentionOutcome outcome, Instant outcomeAt, Money cost) {
    }
}
