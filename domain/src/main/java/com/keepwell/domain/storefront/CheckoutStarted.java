package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.RecordCheckoutStartedCommand;

/** {@code checkout.started} (Segment: Checkout Started). */
public record CheckoutStarted(
        @Size(max = Limits.ID) String checkoutId,
        @NotNull @PositiveOrZero BigDecimal value,
        @NotBlank @Pattern(regexp = Limits.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency,
        @PositiveOrZero Integer items) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordCheckoutStartedCommand(h.customerId(), h.eventId(), h.time(), checkoutId,
                MoneyAmount.of(value, currency), items == null ? 0 : items);
    }
}
