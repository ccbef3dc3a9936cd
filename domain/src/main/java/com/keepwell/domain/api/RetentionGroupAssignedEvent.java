package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A retention case was assigned to treatment or holdout, under a rule, at the customer's band and score then. */
@Revision("1")
public record RetentionGroupAssignedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        RuleId ruleId,
        int ruleVersion,
        RetentionGroup group,
        RiskBand band,
        RiskScore score,
        Instant assignedAt) {
}
