package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A retention case ended. Carries the group, rule and band from its assignment and the cost from its offer (zero
 * unless redeemed), so campaign results are a fold over these events alone.
 */
@Revision("1")
public record RetentionOutcomeRecordedEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        OfferId offerId,
        RuleId ruleId,
        RetentionGroup group,
        RiskBand band,
        RetentionOutcome outcome,
        boolean retained,
        Money cost,
        String triggeredBy,
        Instant occurredAt) {
}
