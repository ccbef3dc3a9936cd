package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.RecordOrderCancellationCommand;

/** {@code order.cancelled} (Segment: Order Cancelled). */
public record OrderCancelled(
        @NotBlank @Size(max = Limits.ID) String orderId,
        @Size(max = Limits.SHORT_TEXT) String reason) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordOrderCancellationCommand(h.customerId(), h.eventId(), h.time(), OrderId.of(orderId), reason);
    }
}
