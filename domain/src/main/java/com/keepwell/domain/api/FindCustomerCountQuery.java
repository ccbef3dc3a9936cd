package com.keepwell.domain.api;

/** Asks how many customers the platform knows; answered with a {@link CustomerCountView}. */
public record FindCustomerCountQuery() {
}
