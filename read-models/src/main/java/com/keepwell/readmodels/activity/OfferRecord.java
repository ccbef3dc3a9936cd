package com.keepwell.readmodels.activity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.Incentive;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.OfferDispatchedEvent;
import com.keepwell.domain.api.OfferFeedback;
import com.keepwell.domain.api.OfferFeedbackRecordedEvent;
import com.keepwell.domain.api.OfferHistoryView;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RuleId;

/** One offer sent to a customer and what became of it. */
@Entity
@Table(name = "offer_history")
public class OfferRecord {

    @Id
    @Column(name = "offer_id")
    private String offerId;
    @Column(name = "case_id")
    private String caseId;
    @Column(name = "customer_id")
    private String customerId;
    @Column(name = "rule_id")
    private String ruleId;
    @Column(name = "rule_version")
    private int ruleVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    private Incentive incentive;
    @Enumerated(EnumType.STRING)
    private ContactChannel channel;
    private String message;
    @Column(name = "coupon_code")
    private String couponCode;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "valid_until")
    private Instant validUntil;
    @Enumerated(EnumType.STRING)
    @Column(name = "last_feedback")
    private OfferFeedback lastFeedback;
    @Column(name = "last_feedback_at")
    private Instant lastFeedbackAt;
    @Enumerated(EnumType.STRING)
    private RetentionOutcome outcome;
    @Column(name = "outcome_at")
    private Instant outcomeAt;
    @Column(name = "cost_amount")
    private BigDecimal costAmount;
    @Column(name = "cost_currency")
    private String costCurrency;

    protected OfferRecord() {
        // for Hibernate
    }

    OfferRecord(OfferDispatchedEvent e) {
        offerId = e.offerId().value();
        caseId = e.caseId().value();
        customerId = e.customerId().value();
        ruleId = e.ruleId().value();
        ruleVersion = e.ruleVersion();
        incentive = e.incentive();
        channel = e.channel();
        message = e.message();
        couponCode = e.couponCode();
        dispatchedAt = e.dispatchedAt();
        validUntil = e.validUntil();
    }

    /** Reports may arrive out of order (opened before delivered): the latest by channel time wins. */
    void feedback(OfferFeedbackRecordedEvent e) {
        if (lastFeedbackAt == null || !e.occurredAt().isBefore(lastFeedbackAt)) {
            lastFeedback = e.feedback();
            lastFeedbackAt = e.occurredAt();
        }
    }

    void ended(RetentionOutcomeRecordedEvent e) {
        outcome = e.outcome();
        outcomeAt = e.occurredAt();
        costAmount = e.cost() == null ? null : e.cost().amount();
        costCurrency = e.cost() == null ? null : e.cost().currency();
    }

    OfferHistoryView.Offer toView() {
        return new OfferHistoryView.Offer(OfferId.of(offerId), RuleId.of(ruleId), ruleVersion, incentive, channel,
                message, couponCode, dispatchedAt, validUntil, lastFeedback, lastFeedbackAt, outcome, outcomeAt,
                costAmount == null ? null : Money.of(costAmount.toPlainString(), costCurrency));
    }
}
