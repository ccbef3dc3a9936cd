package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A retention case waits: every rule that would serve it has spent the day's budget (their totals have not), so it
 * is decided again at {@code retryAt}, the start of the next day. Nothing is assigned yet; the case ends later with
 * an assignment or a {@link RetentionUnservedEvent}.
 */
@Revision("1")
public record RetentionCaseDeferredEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        RiskBand band,
        OfferRefusal reason,
        String detail,
        Instant retryAt,
        Instant at) {
}
