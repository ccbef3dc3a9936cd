package com.keepwell.readmodels.campaign;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;

/**
 * Which rule, band and arm a retention case belongs to, and once it has an outcome, whether it was retained, what it
 * cost and when it settles ({@link com.keepwell.domain.api.RetentionOutcomeRecordedEvent#settlesAt()}); when its
 * follow-up after the window ends (null: not followed up) and whether the customer ordered in it.
 */
@Entity
@Table(name = "campaign_case")
class CampaignCase {

    @Id
    @Column(name = "case_id")
    String caseId;
    @Column(name = "rule_id")
    String ruleId;
    @Enumerated(EnumType.STRING)
    RiskBand band;
    @Enumerated(EnumType.STRING)
    RetentionGroup arm;
    /** Null while the case has no outcome. */
    @Column(name = "settles_at")
    Instant settlesAt;
    boolean retained;
    BigDecimal cost = BigDecimal.ZERO;
    @Column(name = "follow_up_ends")
    Instant followUpEnds;
    @Column(name = "ordered_after_window")
    boolean orderedAfterWindow;

    protected CampaignCase() {
    }

    CampaignCase(String caseId, String ruleId, RiskBand band, RetentionGroup arm) {
        this.caseId = caseId;
        this.ruleId = ruleId;
        this.band = band;
        this.arm = arm;
    }

    void ended(boolean retained, BigDecimal cost, Instant settlesAt, Instant followUpEnds) {
        this.retained = retained;
        this.cost = cost;
        this.settlesAt = settlesAt;
        this.followUpEnds = followUpEnds;
    }

    void orderedAfterWindow() {
        this.orderedAfterWindow = true;
    }
}
