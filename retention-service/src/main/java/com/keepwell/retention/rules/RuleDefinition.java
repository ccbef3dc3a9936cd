package com.keepwell.retention.rules;

import java.math.BigDecimal;
import java.time.Instant;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.IncentiveType;

/**
 * What a marketer writes: one offer rule, exactly as the rules API takes and returns it. {@link RuleValidator}
 * checks it as a whole and names every problem; nothing here assumes it is valid.
 *
 * @param eligibility     a CEL expression over the customer context (docs/retention.md lists the variables)
 * @param message         the offer text; {@code {{name}}} placeholders from {@link MessageTemplate#FIELDS}
 * @param validityDays    how long the offer can be redeemed; also the outcome window
 * @param costPerRedemption what one redemption costs the shop, in {@code currency}
 * @param budgetTotal     the most all redemptions together may cost
 * @param budgetPerDay    the most the redemptions of offers sent on one day may cost
 * @param holdoutShare    share of the rule's customers kept back to measure lift, in [0, 0.5]
 * @param priorKeptProbability before any outcome is seen: the chance the offer keeps a customer who would leave
 */
public record RuleDefinition(
        String name,
        Integer priority,
        Boolean enabled,
        Instant activeFrom,
        Instant activeUntil,
        String eligibility,
        IncentiveType incentive,
        BigDecimal percentOff,
        BigDecimal amount,
        Integer points,
        ContactChannel channel,
        String message,
        Integer validityDays,
        String currency,
        BigDecimal costPerRedemption,
        BigDecimal budgetTotal,
        BigDecimal budgetPerDay,
        Double holdoutShare,
        Double priorKeptProbability) {

    public boolean activeAt(Instant at) {
        return Boolean.TRUE.equals(enabled) && (activeFrom == null || !at.isBefore(activeFrom))
                && (activeUntil == null || at.isBefore(activeUntil));
    }
}
