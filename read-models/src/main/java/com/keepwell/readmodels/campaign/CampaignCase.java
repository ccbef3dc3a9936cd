package com.keepwell.readmodels.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;

/** Which rule, band and arm a retention case belongs to. */
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

    protected CampaignCase() {
    }

    CampaignCase(String caseId, String ruleId, RiskBand band, RetentionGroup arm) {
        this.caseId = caseId;
        this.ruleId = ruleId;
        this.band = band;
        this.arm = arm;
    }
}
