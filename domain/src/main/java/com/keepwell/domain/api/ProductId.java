package com.keepwell.domain.api;

/** A product (SKU family) in the catalogue. */
public record ProductId(String value) {

    public ProductId {
        Ids.require(value, "product id");
    }

    public static ProductId of(String value) {
        return new ProductId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
