package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code session.ended}: optional; closes the session now instead of after the idle timeout. */
public record SessionEnded(@NotBlank @Size(max = Limits.ID) String sessionId) implements ClickstreamData {

    @Override
    public boolean endsSession() {
        return true;
    }
}
