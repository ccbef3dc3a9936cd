package com.keepwell.domain.api;

/** How a retention case ended. Redeemed and ordered-again count as retained; the others do not. */
public enum RetentionOutcome {
    REDEEMED(true),
    ORDERED_AGAIN(true),
    EXPIRED(false),
    ACCOUNT_CLOSED(false);

    private final boolean retained;

    RetentionOutcome(boolean retained) {
        this.retained = retained;
    }

    public boolean retained() {
        return retained;
    }
}
