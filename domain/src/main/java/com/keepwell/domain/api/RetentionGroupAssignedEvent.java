package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A retention case was assigned to treatment or holdout, under a rule, at the customer's band and score then.
 * {@code exploring}: no rule had a positive expected net value, and the rule was drawn at random among those that
 * could serve the case (the retention service's exploration share), so that rules whose learned values have turned
 * negative still get cases to learn from; false in events recorded before it existed.
 */
@Revision("1")
public record RetentionGroupAssignedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        RuleId ruleId,
        int ruleVersion,
        RetentionGroup group,
        RiskBand band,
        RiskScore score,
        Instant assignedAt,
        boolean exploring) {

    /** A case whose rule was chosen by value. */
    public RetentionGroupAssignedEvent(CustomerId customerId, RetentionCaseId caseId, RuleId ruleId, int ruleVersion,
            RetentionGroup group, RiskBand band, RiskScore score, Instant assignedAt) {
        this(customerId, caseId, ruleId, ruleVersion, group, band, score, assignedAt, false);
    }
}
