package com.keepwell.domain.storefront;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code page.viewed} (Segment: the page call). Clickstream: condensed into its session. */
public record PageViewed(
        @NotBlank @Size(max = Limits.ID) String sessionId,
        @Size(max = 64) String pageType,
        @Size(max = 2048) String path) implements ClickstreamData {
}
