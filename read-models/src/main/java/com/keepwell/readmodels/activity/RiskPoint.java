package com.keepwell.readmodels.activity;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskHistoryView;
import com.keepwell.domain.api.RiskReason;

/** One risk assessment of a customer, as it was made. */
@Entity
@Table(name = "risk_history")
public class RiskPoint {

    @Id
    @Column(name = "assessment_id")
    private String assessmentId;
    @Column(name = "customer_id")
    private String customerId;
    @Column(name = "features_as_of")
    private Instant featuresAsOf;
    @Column(name = "assessed_at")
    private Instant assessedAt;
    private double score;
    @Enumerated(EnumType.STRING)
    private RiskBand band;
    @Column(name = "model_version")
    private String modelVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<RiskReason> reasons;

    protected RiskPoint() {
        // for Hibernate
    }

    RiskPoint(RiskAssessedEvent e) {
        assessmentId = e.assessmentId();
        customerId = e.customerId().value();
        featuresAsOf = e.featuresAsOf();
        assessedAt = e.assessedAt();
        score = e.score().value();
        band = e.band();
        modelVersion = e.modelVersion();
        reasons = List.copyOf(e.reasons());
    }

    RiskHistoryView.Point toView() {
        return new RiskHistoryView.Point(featuresAsOf, assessedAt, score, band, modelVersion, List.copyOf(reasons));
    }
}
