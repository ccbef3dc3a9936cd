package com.keepwell.domain.customer;

import java.time.Instant;

import com.keepwell.domain.api.RecordRiskAssessmentCommand;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;

/**
 * The customer's latest risk assessment. Assessments arrive from batches that can overlap (an event-driven score
 * and a sweep, two instances); only one describing a later point in time replaces the current one.
 */
final class RiskRecord {

    private String assessmentId;
    private Instant featuresAsOf;
    private RiskBand band;
    private boolean historical;

    boolean isNewer(RecordRiskAssessmentCommand c) {
        if (c.assessmentId().equals(assessmentId)) {
            return false;
        }
        return featuresAsOf == null || c.featuresAsOf().isAfter(featuresAsOf);
    }

    RiskBand band() {
        return band;
    }

    /** Whether the current assessment describes replayed history rather than the customer's present. */
    boolean historical() {
        return historical;
    }

    void assessed(RiskAssessedEvent e) {
        assessmentId = e.assessmentId();
        featuresAsOf = e.featuresAsOf();
        band = e.band();
        historical = e.historical();
    }
}
