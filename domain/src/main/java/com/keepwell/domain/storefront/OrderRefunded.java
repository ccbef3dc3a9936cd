package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.RecordRefundCommand;

/** {@code order.refunded} (Segment: Order Refunded); {@code returned} when goods came back. */
public record OrderRefunded(
        @NotBlank @Size(max = Limits.ID) String orderId,
        @NotNull @Positive BigDecimal amount,
        @NotBlank @Pattern(regexp = Limits.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency,
        Boolean returned,
        @Size(max = Limits.SHORT_TEXT) String reason) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordRefundCommand(h.customerId(), h.eventId(), h.time(), OrderId.of(orderId),
                MoneyAmount.of(amount, currency), Boolean.TRUE.equals(returned), reason);
    }
}
