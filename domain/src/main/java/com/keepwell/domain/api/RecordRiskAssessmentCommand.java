package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a churn-risk assessment of a known customer. {@code featuresAsOf} is the point in time the features
 * describe; an assessment older than the one already recorded is ignored, so a late batch cannot overwrite a
 * fresher score. {@code historical}: the scorer assessed replayed history (features as of a time well before
 * {@code assessedAt}, while old events were being imported), not the customer's present.
 */
public record RecordRiskAssessmentCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        String assessmentId,
        RiskScore score,
        RiskBand band,
        String modelVersion,
        String featureSchemaVersion,
        List<RiskReason> reasons,
        Instant featuresAsOf,
        Instant assessedAt,
        boolean historical) {

    /** An assessment of the customer's present. */
    public RecordRiskAssessmentCommand(CustomerId customerId, String assessmentId, RiskScore score, RiskBand band,
            String modelVersion, String featureSchemaVersion, List<RiskReason> reasons, Instant featuresAsOf,
            Instant assessedAt) {
        this(customerId, assessmentId, score, band, modelVersion, featureSchemaVersion, reasons, featuresAsOf,
                assessedAt, false);
    }
}
