package com.keepwell.domain.storefront;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.StorefrontEventId;

/**
 * A storefront event in the CloudEvents 1.0 structured JSON format: the envelope attributes, with {@code data}
 * already bound to the record its {@code type} names. {@code subject} is the customer id.
 */
public record StorefrontEvent(
        @NotNull @Pattern(regexp = "1\\.0", message = "must be \"1.0\" (CloudEvents 1.0)") String specversion,
        @NotBlank @Size(max = Limits.ID) String id,
        @NotBlank @Size(max = Limits.SHORT_TEXT) String source,
        @NotNull StorefrontEventType type,
        @NotNull Instant time,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@\\-]{1,64}",
                message = "must be the customer id: 1-64 letters, digits or . _ : @ -") String subject,
        @NotNull Object data) {

    public EventHeader header() {
        return new EventHeader(CustomerId.of(subject), StorefrontEventId.of(id), time);
    }
}
