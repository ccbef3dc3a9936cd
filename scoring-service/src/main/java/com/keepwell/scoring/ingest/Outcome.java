package com.keepwell.scoring.ingest;

import com.keepwell.domain.api.RejectionCode;

/** What ingestion did with one valid storefront event. */
public record Outcome(Kind kind, RejectionCode code, String reason) {

    public enum Kind {
        /** Recorded on the customer as a new fact. */
        RECORDED,
        /** Already recorded earlier (same event id, or same order / ticket / session): nothing changed. */
        DUPLICATE,
        /** A clickstream event, kept until its session is condensed and recorded. */
        BUFFERED,
        /** Refused by the customer aggregate: it contradicts the customer's history. */
        REJECTED
    }

    static final Outcome RECORDED = new Outcome(Kind.RECORDED, null, null);
    static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null, null);
    static final Outcome BUFFERED = new Outcome(Kind.BUFFERED, null, null);

    static Outcome rejected(RejectionCode code, String reason) {
        return new Outcome(Kind.REJECTED, code, reason);
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }
}
