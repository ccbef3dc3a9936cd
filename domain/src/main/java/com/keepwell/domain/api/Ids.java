package com.keepwell.domain.api;

import java.util.Objects;

/** Shared check for the storefront's opaque identifiers (orders, tickets, sessions, products, events). */
final class Ids {

    static final int MAX_LENGTH = 128;

    private Ids() {
    }

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_LENGTH + " non-blank characters");
        }
        return value;
    }
}
