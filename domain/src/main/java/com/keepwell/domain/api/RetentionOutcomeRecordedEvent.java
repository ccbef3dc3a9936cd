package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A retention case ended. Carries the group, rule and band from its assignment and the cost from its offer (zero
 * unless redeemed), so campaign results are a fold over these events alone. {@code windowEnds}: when the case's
 * outcome window ends (after {@code occurredAt} for a case that ended early), so that learning can count it with the
 * cases of its time whose windows ran out; null in events recorded before it existed. {@code followUpEnds}: the end
 * of the follow-up after the window, in which an order is recorded as {@link OrderedAfterRetentionWindowEvent} (was
 * the customer kept, or was an order only brought forward into the window?); null where none is followed up, as in
 * events recorded before it existed.
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
        Instant occurredAt,
        Instant windowEnds,
        Instant followUpEnds) {

    /** An outcome without a follow-up. */
    public RetentionOutcomeRecordedEvent(CustomerId customerId, RetentionCaseId caseId, OfferId offerId,
            RuleId ruleId, RetentionGroup group, RiskBand band, RetentionOutcome outcome, boolean retained, Money cost,
            String triggeredBy, Instant occurredAt, Instant windowEnds) {
        this(customerId, caseId, offerId, ruleId, group, band, outcome, retained, cost, triggeredBy, occurredAt,
                windowEnds, null);
    }

    /** An outcome whose window end is not known. */
    public RetentionOutcomeRecordedEvent(CustomerId customerId, RetentionCaseId caseId, OfferId offerId,
            RuleId ruleId, RetentionGroup group, RiskBand band, RetentionOutcome outcome, boolean retained, Money cost,
            String triggeredBy, Instant occurredAt) {
        this(customerId, caseId, offerId, ruleId, group, band, outcome, retained, cost, triggeredBy, occurredAt, null,
                null);
    }

    /** When the case counts as settled: at the end of its window, or at the outcome if that came later. */
    public Instant settlesAt() {
        return windowEnds != null && windowEnds.isAfter(occurredAt) ? windowEnds : occurredAt;
    }
}
