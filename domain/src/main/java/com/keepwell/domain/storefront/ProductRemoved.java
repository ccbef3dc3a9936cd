package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.RecordProductRemovedFromCartCommand;
import com.keepwell.domain.api.ProductId;

/** {@code product.removed} (Segment: Product Removed). */
public record ProductRemoved(
        @NotBlank @Size(max = Limits.ID) String productId,
        @Size(max = Limits.SHORT_TEXT) String category,
        @NotNull @Positive Integer quantity,
        @NotNull @PositiveOrZero BigDecimal price,
        @NotBlank @Pattern(regexp = Limits.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency)
        implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordProductRemovedFromCartCommand(h.customerId(), h.eventId(), h.time(), ProductId.of(productId), category,
                quantity, MoneyAmount.of(price, currency));
    }
}
