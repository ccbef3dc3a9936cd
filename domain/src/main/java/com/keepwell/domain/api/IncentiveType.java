package com.keepwell.domain.api;

/** What a retention offer gives the customer. */
public enum IncentiveType {
    PERCENT_DISCOUNT, FIXED_COUPON, FREE_SHIPPING, LOYALTY_POINTS, SERVICE_CALL
}
