package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A retention case was assigned to treatment or holdout, under a rule, at the customer's band and score then.
 * {@code windowEnds}: when its outcome window was planned to end (a treated case's offer may go out later, after
 * quiet hours, and its window then ends later); null in events recorded before it existed.
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
        Instant windowEnds) {

    /** A case whose window end is not known. */
    public RetentionGroupAssignedEvent(CustomerId customerId, RetentionCaseId caseId, RuleId ruleId, int ruleVersion,
            RetentionGroup group, RiskBand band, RiskScore score, Instant assignedAt) {
        this(customerId, caseId, ruleId, ruleVersion, group, band, score, assignedAt, null);
    }
}
