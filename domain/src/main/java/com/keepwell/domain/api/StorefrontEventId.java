package com.keepwell.domain.api;

/** The CloudEvents {@code id} of a storefront event: the key that makes ingestion idempotent. */
public record StorefrontEventId(String value) {

    public StorefrontEventId {
        Ids.require(value, "storefront event id");
    }

    public static StorefrontEventId of(String value) {
        return new StorefrontEventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
