package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records which experiment arm a retention case is in and under which rule (for holdout: the rule the customer
 * would have been offered), so the comparison of treated and holdout customers never depends on anyone's memory.
 * {@code exploring}: no rule was worth its cost, and the rule was drawn at random ({@link RetentionGroupAssignedEvent}).
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
        boolean exploring) {

    /** A case whose rule was chosen by value. */
    public AssignRetentionGroupCommand(CustomerId customerId, RetentionCaseId caseId, RuleId ruleId, int ruleVersion,
            RetentionGroup group, RiskBand band, RiskScore score, Instant assignedAt) {
        this(customerId, caseId, ruleId, ruleVersion, group, band, score, assignedAt, false);
    }
}
