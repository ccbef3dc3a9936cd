package com.keepwell.domain.storefront;

import java.math.BigDecimal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.RecordCouponAppliedCommand;

/** {@code coupon.applied} (Segment: Coupon Applied). */
public record CouponApplied(
        @NotBlank @Size(max = Limits.ID) String couponCode,
        @Size(max = Limits.ID) String orderId,
        @PositiveOrZero BigDecimal discount,
        @Pattern(regexp = Limits.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency)
        implements StorefrontEventData {

    @AssertTrue(message = "currency is required when discount is given")
    boolean isCurrencyGivenWithDiscount() {
        return discount == null || currency != null;
    }

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordCouponAppliedCommand(h.customerId(), h.eventId(), h.time(), couponCode,
                orderId == null ? null : OrderId.of(orderId), MoneyAmount.of(discount, currency));
    }
}
