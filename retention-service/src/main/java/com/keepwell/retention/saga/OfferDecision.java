package com.keepwell.retention.saga;

import java.time.Instant;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.Incentive;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.OfferRefusal;
import com.keepwell.domain.api.RuleId;

/** What the planner decided for one retention case. */
public sealed interface OfferDecision {

    /**
     * Hold the customer back under {@code rule}: same outcome window, no offer. {@code exploring}: the rule was drawn
     * at random ({@link Exploration}).
     */
    record Holdout(RuleId rule, int version, int validityDays, boolean exploring) implements OfferDecision {
    }

    /**
     * Offer this; the budget for it is already reserved. {@code expectedNetValue}: the rule's draw, below zero
     * possibly where the case is {@code exploring} (its rule drawn at random, {@link Exploration}).
     */
    record Treat(RuleId rule, int version, OfferId offerId, Incentive incentive, ContactChannel channel,
            String message, String couponCode, Instant validUntil, Money costPerRedemption, int validityDays,
            double expectedNetValue, boolean exploring) implements OfferDecision {
    }

    /** No offer and no experiment: nothing applies, or every applicable budget is spent. */
    record Unserved(OfferRefusal reason, String detail) implements OfferDecision {
    }

    /**
     * Every rule that would serve the case has spent the day's limit, and at least one has budget left in total:
     * decide again at {@code retryAt}, the start of the next day.
     */
    record WaitForBudget(String detail, Instant retryAt) implements OfferDecision {
    }
}
