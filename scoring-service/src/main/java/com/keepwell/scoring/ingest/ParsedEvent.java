package com.keepwell.scoring.ingest;

import java.util.List;

import com.keepwell.domain.storefront.StorefrontEvent;

/** The result of reading one storefront event: the event when it is valid, otherwise every violation found. */
public record ParsedEvent(StorefrontEvent event, List<Violation> violations) {

    static ParsedEvent valid(StorefrontEvent event) {
        return new ParsedEvent(event, List.of());
    }

    static ParsedEvent invalid(List<Violation> violations) {
        return new ParsedEvent(null, List.copyOf(violations));
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** A one-line summary for logs and the dead-letter reason header. */
    public String reason() {
        return String.join("; ", violations.stream().map(Violation::toString).toList());
    }
}
