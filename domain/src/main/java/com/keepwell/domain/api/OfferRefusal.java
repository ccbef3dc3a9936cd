package com.keepwell.domain.api;

/** Why a customer at risk got no offer. The first six are the contact policy of the {@code Customer} aggregate. */
public enum OfferRefusal {
    NO_CONSENT,
    FREQUENCY_CAP,
    COOLDOWN,
    QUIET_HOURS,
    OFFER_OPEN,
    ACCOUNT_CLOSED,
    NO_ELIGIBLE_RULE,
    BUDGET_EXHAUSTED
}
