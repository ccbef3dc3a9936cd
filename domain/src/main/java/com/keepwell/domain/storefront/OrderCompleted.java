package com.keepwell.domain.storefront;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.OrderLine;
import com.keepwell.domain.api.ProductId;
import com.keepwell.domain.api.RecordOrderCommand;

/** {@code order.completed} (Segment: Order Completed). {@code total} is what the customer paid, after discount. */
public record OrderCompleted(
        @NotBlank @Size(max = Limits.ID) String orderId,
        @NotNull @PositiveOrZero BigDecimal total,
        @PositiveOrZero BigDecimal discount,
        @NotBlank @Pattern(regexp = Limits.CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency,
        @Size(max = Limits.ID) String coupon,
        @Size(max = Limits.LINES) List<@Valid @NotNull Product> products,
        @Valid PostalAddress shippingAddress) implements StorefrontEventData {

    /** One line of the order. */
    public record Product(
            @NotBlank @Size(max = Limits.ID) String productId,
            @Size(max = Limits.SHORT_TEXT) String category,
            @NotNull @Positive Integer quantity,
            @NotNull @PositiveOrZero BigDecimal price) {
    }

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        List<OrderLine> lines = products == null ? List.of() : products.stream()
                .map(p -> new OrderLine(ProductId.of(p.productId()), p.category(), p.quantity(),
                        MoneyAmount.of(p.price(), currency)))
                .toList();
        return new RecordOrderCommand(h.customerId(), h.eventId(), h.time(), OrderId.of(orderId),
                MoneyAmount.of(total, currency), MoneyAmount.of(discount, currency), coupon, lines,
                PostalAddress.toAddress(shippingAddress));
    }
}
