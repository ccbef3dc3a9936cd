package com.keepwell.domain.api;

/** What a timeline entry is about, so a console can give each kind its own mark and filter. */
public enum TimelineKind {
    ACCOUNT,
    SESSIONS,
    ORDER,
    CANCELLATION,
    REFUND,
    REVIEW,
    TICKET,
    CONSENT,
    COUPON,
    RISK,
    RETENTION,
    OFFER,
    OFFER_FEEDBACK,
    OUTCOME
}
