package com.keepwell.domain.api;

/** A storefront browsing session. */
public record SessionId(String value) {

    public SessionId {
        Ids.require(value, "session id");
    }

    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
