package com.keepwell.domain.api;

/** A support ticket as the help desk numbers it. */
public record TicketId(String value) {

    public TicketId {
        Ids.require(value, "support ticket id");
    }

    public static TicketId of(String value) {
        return new TicketId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
