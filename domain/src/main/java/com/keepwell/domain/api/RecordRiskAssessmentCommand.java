package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a churn-risk assessment of a known customer. {@code featuresAsOf} is the point in time the features
 * describe; an assessment older than the one already recorded is ignored, so a late batch cannot overwrite a
 * fresher score.
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
        Instant assessedAt) {
}
