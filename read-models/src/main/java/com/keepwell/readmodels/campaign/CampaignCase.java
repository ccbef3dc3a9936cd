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
 * Which rule, band and arm a retention case belongs to, when its outcome window ends, and once it has an outcome,
 * whether it was retained and when it settles: at the window's end, or at the outcome if that came later (an outcome
 * recorded late, after a restart). A case ended before its window closed (an early re-order) settles at the window's
 * end like the others, so the rates compare cases over the same window.
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
    /** Null where the assignment did not say (events recorded before it did). */
    @Column(name = "window_ends")
    Instant windowEnds;
    /** Null while the case has no outcome. */
    @Column(name = "settles_at")
    Instant settlesAt;
    boolean retained;
    BigDecimal cost = BigDecimal.ZERO;

    protected CampaignCase() {
    }

    CampaignCase(String caseId, String ruleId, RiskBand band, RetentionGroup arm, Instant windowEnds) {
        this.caseId = caseId;
        this.ruleId = ruleId;
        this.band = band;
        this.arm = arm;
        this.windowEnds = windowEnds;
    }

    void ended(boolean retained, BigDecimal cost, Instant at) {
        this.retained = retained;
        this.cost = cost;
        this.settlesAt = windowEnds != null && windowEnds.isAfter(at) ? windowEnds : at;
    }
}
