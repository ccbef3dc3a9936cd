package com.keepwell.domain.api;

/** Asks for the short summary of one customer; answered with a {@link CustomerSummaryView} or nothing. */
public record FindCustomerSummaryQuery(CustomerId customerId) {
}
