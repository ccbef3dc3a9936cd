package com.keepwell.domain.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** The storefront's own identifier of a customer; the aggregate identifier of {@code Customer}. */
public record CustomerId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@\\-]{1,64}");

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "customer id must be 1-64 characters of letters, digits and . _ : @ -, got '" + value + "'");
        }
    }

    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    /** Axon routes commands by {@code toString()} of the {@code @TargetAggregateIdentifier}. */
    @Override
    public String toString() {
        return value;
    }
}
