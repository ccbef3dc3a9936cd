package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records which experiment arm a retention case is in and under which rule (for holdout: the rule the customer
 * would have been offered), so the comparison of treated and holdout customers never depends on anyone's memory.
 * {@code windowEnds}: when the case's outcome window is planned to end (null: not said), so campaign results can
 * wait for it before they count the case.
 */
public record AssignRetentionGroupCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RetentionCaseId caseId,
        RuleId ruleId,
        int ruleVersion,
        RetentionGroup group,
        RiskBand band,
        RiskScore score,
        Instant assignedAt,
        Instant windowEnds) {

    /** A case whose window end is not said. */
    public AssignRetentionGroupCommand(CustomerId customerId, RetentionCaseId caseId, RuleId ruleId, int ruleVersion,
            RetentionGroup group, RiskBand band, RiskScore score, Instant assignedAt) {
        this(customerId, caseId, ruleId, ruleVersion, group, band, score, assignedAt, null);
    }
}
