package com.keepwell.domain.api;

/** What a channel provider reported about a dispatched offer. */
public enum OfferFeedback {
    DELIVERED, BOUNCED, OPENED, CLICKED, UNSUBSCRIBED
}
