package com.keepwell.domain.api;

/** An order as the storefront numbers it. */
public record OrderId(String value) {

    public OrderId {
        Ids.require(value, "order id");
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
