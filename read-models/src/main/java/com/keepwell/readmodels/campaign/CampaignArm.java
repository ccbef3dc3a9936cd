package com.keepwell.readmodels.campaign;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Transient;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RiskBand;

/** The counts of one arm of one rule in one risk band. State changes are plain methods, testable without a database. */
@Entity
@Table(name = "campaign_arm")
@IdClass(CampaignArm.Key.class)
public class CampaignArm {

    static class Key implements Serializable {
        String ruleId;
        RiskBand band;
        RetentionGroup arm;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.ruleId, ruleId) && k.band == band && k.arm == arm;
        }

        @Override
        public int hashCode() {
            return Objects.hash(ruleId, band, arm);
        }
    }

    @Id
    @Column(name = "rule_id")
    String ruleId;
    @Id
    @Enumerated(EnumType.STRING)
    RiskBand band;
    @Id
    @Enumerated(EnumType.STRING)
    RetentionGroup arm;
    long assigned;
    /** Of the assigned cases, those whose rule was drawn to explore. */
    long exploring;
    @Column(name = "offers_sent")
    long offersSent;
    @Column(name = "offers_refused")
    long offersRefused;
    long ended;
    long retained;
    long redeemed;
    BigDecimal cost = BigDecimal.ZERO;
    String currency;
    /** Of the ended cases, those whose window has closed, read from {@code campaign_case} when results are asked. */
    @Transient
    long settled;
    @Transient
    long settledRetained;
    @Transient
    BigDecimal settledCost = BigDecimal.ZERO;
    /** Of the ended cases, those whose follow-up after the window has ended, and how many of them ordered in it. */
    @Transient
    long followedUp;
    @Transient
    long orderedAfter;

    protected CampaignArm() {
    }

    public CampaignArm(String ruleId, RiskBand band, RetentionGroup arm) {
        this.ruleId = ruleId;
        this.band = band;
        this.arm = arm;
    }

    static Key key(String ruleId, RiskBand band, RetentionGroup arm) {
        Key key = new Key();
        key.ruleId = ruleId;
        key.band = band;
        key.arm = arm;
        return key;
    }

    public void assigned(boolean exploring) {
        assigned++;
        this.exploring += exploring ? 1 : 0;
    }

    public void offerSent() {
        offersSent++;
    }

    public void offerRefused() {
        offersRefused++;
    }

    public void ended(RetentionOutcome outcome, Money cost) {
        ended++;
        retained += outcome.retained() ? 1 : 0;
        redeemed += outcome == RetentionOutcome.REDEEMED ? 1 : 0;
        if (cost != null) {
            this.cost = this.cost.add(cost.amount());
            this.currency = cost.currency();
        }
    }

    /** The cases of this arm whose window has closed: how many, how many retained, what they cost. */
    public void settled(long cases, long retained, BigDecimal cost) {
        this.settled = cases;
        this.settledRetained = retained;
        this.settledCost = cost;
    }

    /** The cases of this arm whose follow-up has ended: how many, how many of them ordered in it. */
    public void followedUp(long cases, long ordered) {
        this.followedUp = cases;
        this.orderedAfter = ordered;
    }

    public String ruleId() {
        return ruleId;
    }

    public RiskBand band() {
        return band;
    }

    public RetentionGroup arm() {
        return arm;
    }
}
