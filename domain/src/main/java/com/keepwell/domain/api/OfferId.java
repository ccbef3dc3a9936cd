package com.keepwell.domain.api;

/** Identifies one retention offer; also the CloudEvents id of its dispatch message, so consumers de-duplicate on it. */
public record OfferId(String value) {

    public OfferId {
        Ids.require(value, "offer id");
    }

    public static OfferId of(String value) {
        return new OfferId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
