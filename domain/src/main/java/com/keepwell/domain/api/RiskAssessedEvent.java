package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * The scoring service assessed a customer's churn risk: calibrated score, band, the model and feature schema that
 * produced it, and the reasons, strongest first. Not a storefront fact, so it carries no source event id.
 * {@code historical}: this assessment describes replayed history, not the customer's present;
 * {@code previousHistorical}: so did the one {@code previousBand} comes from. Both are false in events recorded
 * before they existed.
 */
@Revision("1")
public record RiskAssessedEvent(
        CustomerId customerId,
        String assessmentId,
        RiskScore score,
        RiskBand band,
        RiskBand previousBand,
        String modelVersion,
        String featureSchemaVersion,
        List<RiskReason> reasons,
        Instant featuresAsOf,
        Instant assessedAt,
        boolean historical,
        boolean previousHistorical) {

    /** An assessment of the customer's present, after one of their present or none. */
    public RiskAssessedEvent(CustomerId customerId, String assessmentId, RiskScore score, RiskBand band,
            RiskBand previousBand, String modelVersion, String featureSchemaVersion, List<RiskReason> reasons,
            Instant featuresAsOf, Instant assessedAt) {
        this(customerId, assessmentId, score, band, previousBand, modelVersion, featureSchemaVersion, reasons,
                featuresAsOf, assessedAt, false, false);
    }
}
