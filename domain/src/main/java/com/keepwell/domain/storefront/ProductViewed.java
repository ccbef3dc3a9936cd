package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code product.viewed} (Segment: Product Viewed). Clickstream: condensed into its session. */
public record ProductViewed(
        @NotBlank @Size(max = Limits.ID) String sessionId,
        @NotBlank @Size(max = Limits.ID) String productId,
        @Size(max = Limits.SHORT_TEXT) String category,
        @PositiveOrZero BigDecimal price) implements ClickstreamData {
}
