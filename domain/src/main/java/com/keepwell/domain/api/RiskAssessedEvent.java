package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/**
 * The scoring service assessed a customer's churn risk: calibrated score, band, the model and feature schema that
 * produced it, and the reasons, strongest first. Not a storefront fact, so it carries no source event id.
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
        Instant assessedAt) {
}
