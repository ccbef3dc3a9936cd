package com.keepwell.domain.api;

/** Why the {@code Customer} aggregate refused a storefront fact: the fact contradicts what it already knows. */
public enum RejectionCode {
    ALREADY_REGISTERED,
    UNKNOWN_ORDER,
    ORDER_CANCELLED,
    REFUND_CURRENCY_MISMATCH,
    REFUND_EXCEEDS_ORDER,
    UNKNOWN_TICKET,
    UNKNOWN_RETENTION_CASE,
    UNKNOWN_OFFER,
    OFFER_TO_HOLDOUT
}
