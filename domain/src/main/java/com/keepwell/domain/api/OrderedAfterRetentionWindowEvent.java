package com.keepwell.domain.api;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The customer of an ended retention case ordered in the follow-up after its window ({@code windowEnds} to
 * {@code followUpEnds}): still buying weeks later, not only inside the window. An order inside the window says
 * little on its own, since an offer also brings forward the orders of customers who were staying anyway; comparing
 * treated and holdout on this event does not count those. Recorded once per case, for its first such order; a case
 * without one has none.
 */
@Revision("1")
public record OrderedAfterRetentionWindowEvent(
        CustomerId customerId,
        RetentionCaseId caseId,
        RuleId ruleId,
        RetentionGroup group,
        RiskBand band,
        OrderId orderId,
        Instant orderedAt,
        Instant windowEnds,
        Instant followUpEnds) {
}
