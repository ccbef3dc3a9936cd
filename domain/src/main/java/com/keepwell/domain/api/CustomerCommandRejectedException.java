package com.keepwell.domain.api;

import org.axonframework.common.AxonNonTransientException;

/**
 * A storefront fact the {@code Customer} aggregate cannot accept because it contradicts recorded history (a
 * refund for an unknown order, say). Ingestion sends the source event to the dead-letter topic with the code
 * and message; nothing is recorded. Non-transient: retrying the same command cannot succeed.
 */
public class CustomerCommandRejectedException extends AxonNonTransientException {

    private final RejectionCode code;

    public CustomerCommandRejectedException(RejectionCode code, String message) {
        super(message);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }
}
