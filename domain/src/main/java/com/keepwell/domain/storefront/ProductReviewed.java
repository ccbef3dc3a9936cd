package com.keepwell.domain.storefront;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerCommand;
import com.keepwell.domain.api.OrderId;
import com.keepwell.domain.api.PersonalData;
import com.keepwell.domain.api.ProductId;
import com.keepwell.domain.api.RecordReviewCommand;

/** {@code product.reviewed} (Segment: Product Reviewed). */
public record ProductReviewed(
        @NotBlank @Size(max = Limits.ID) String productId,
        @Size(max = Limits.ID) String orderId,
        @NotNull @Min(1) @Max(5) Integer rating,
        @PersonalData @Size(max = Limits.FREE_TEXT) String text,
        @Size(max = 16) String language) implements StorefrontEventData {

    @Override
    public CustomerCommand toCommand(EventHeader h) {
        return new RecordReviewCommand(h.customerId(), h.eventId(), h.time(), ProductId.of(productId),
                orderId == null ? null : OrderId.of(orderId), rating, text, language);
    }
}
