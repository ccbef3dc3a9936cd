package com.keepwell.domain.api;

import java.util.Objects;

/** One product line of an order. */
public record OrderLine(ProductId productId, String category, int quantity, Money unitPrice) {

    public OrderLine {
        Objects.requireNonNull(productId, "product id");
        Objects.requireNonNull(unitPrice, "unit price");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }
}
