package com.keepwell.domain.api;

import java.util.Objects;

/** The retention offers a customer was sent, newest first; answered by {@link OfferHistoryView}. */
public record FindOfferHistoryQuery(CustomerId customerId) {

    public FindOfferHistoryQuery {
        Objects.requireNonNull(customerId, "customerId");
    }
}
