package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A customer at risk got no offer: no rule applied, or every applicable rule's budget was spent. */
@Revision("1")
public record RetentionUnservedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        RiskBand band,
        OfferRefusal reason,
        String detail,
        Instant at) {
}
