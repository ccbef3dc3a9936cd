package com.keepwell.domain.api;

/**
 * A storefront fact the {@code Customer} aggregate cannot accept because it contradicts recorded history (a
 * refund for an unknown order, say). Ingestion sends the source event to the dead-letter topic with the code
 * and message; nothing is recorded.
 */
public class CustomerCommandRejectedException extends RuntimeException {

    private final RejectionCode code;

    public CustomerCommandRejectedException(RejectionCode code, String message) {
        super(message);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }
}
