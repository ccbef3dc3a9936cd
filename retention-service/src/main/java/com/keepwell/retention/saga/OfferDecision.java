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

    /** Hold the customer back under {@code rule}: same outcome window, no offer. */
    record Holdout(RuleId rule, int version, int validityDays) implements OfferDecision {
    }

    /** Offer this; the budget for it is already reserved. */
    record Treat(RuleId rule, int version, OfferId offerId, Incentive incentive, ContactChannel channel,
            String message, String couponCode, Instant validUntil, Money costPerRedemption, int validityDays,
            double expectedNetValue) implements OfferDecision {
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
