package com.keepwell.simulator;

/**
 * How one customer truly responds to one offer type: the uplift-modelling segments. {@code hazardMultiplier}
 * scales the customer's churn hazard while the offer's effect lasts; {@code redemptionProbability} is the chance
 * the customer redeems it (a coupon applied with an order).
 */
public record OfferResponse(Kind kind, double hazardMultiplier, double redemptionProbability) {

    public enum Kind {
        /** Stays because of the offer: lower hazard, likely redeems. */
        PERSUADABLE,
        /** Would have stayed anyway: redeems, hazard unchanged. */
        SURE_THING,
        /** Leaves either way: ignores the offer. */
        LOST_CAUSE,
        /** Contact makes leaving more likely: hazard rises, may withdraw consent. */
        SLEEPING_DOG
    }
}
