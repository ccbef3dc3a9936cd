package com.keepwell.simulator;

/** The incentives a retention offer can carry; each simulated customer responds to each one in its own way. */
public enum OfferType {
    PERCENT_DISCOUNT, FIXED_COUPON, FREE_SHIPPING, LOYALTY_POINTS, SERVICE_CALL
}
