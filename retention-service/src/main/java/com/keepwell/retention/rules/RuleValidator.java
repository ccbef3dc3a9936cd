package com.keepwell.retention.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import com.keepwell.domain.api.IncentiveType;
import com.keepwell.infra.web.Problem;

/**
 * Checks a whole rule and names every problem with a JSON pointer to its field, so a marketer fixes them in one
 * go. CEL problems carry their line and column.
 */
public final class RuleValidator {

    private RuleValidator() {
    }

    public static List<Problem.Error> problems(RuleDefinition r) {
        List<Problem.Error> errors = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(error("/name", "required", "give the rule a name of 1-200 characters"));
        }
        if (r.priority() == null || r.priority() < 0 || r.priority() > 1000) {
            errors.add(error("/priority", "out-of-range", "priority must be 0-1000 (higher wins a tie in value)"));
        }
        if (r.activeFrom() != null && r.activeUntil() != null && !r.activeUntil().isAfter(r.activeFrom())) {
            errors.add(error("/activeUntil", "out-of-range", "activeUntil must be after activeFrom"));
        }
        Eligibility.Compiled compiled = Eligibility.compile(r.eligibility());
        for (Eligibility.Issue issue : compiled.issues()) {
            errors.add(error("/eligibility", "invalid-cel",
                    "line " + issue.line() + ", column " + issue.column() + ": " + issue.message()));
        }
        if (r.incentive() == null) {
            errors.add(error("/incentive", "required", "incentive must be one of " + List.of(IncentiveType.values())));
        } else if (r.incentive() == IncentiveType.PERCENT_DISCOUNT && !between(r.percentOff(), 0, 100)) {
            errors.add(error("/percentOff", "out-of-range", "a percent discount needs percentOff in (0, 100]"));
        } else if (r.incentive() == IncentiveType.FIXED_COUPON && !between(r.amount(), 0, 100_000)) {
            errors.add(error("/amount", "out-of-range", "a fixed coupon needs a positive amount"));
        } else if (r.incentive() == IncentiveType.LOYALTY_POINTS && (r.points() == null || r.points() <= 0)) {
            errors.add(error("/points", "out-of-range", "loyalty points need a positive number of points"));
        }
        if (r.channel() == null) {
            errors.add(error("/channel", "required", "channel must be one of EMAIL, SMS, PUSH, IN_APP, PHONE"));
        }
        if (r.message() == null || r.message().isBlank()) {
            errors.add(error("/message", "required", "write the message the customer receives"));
        } else {
            for (String field : MessageTemplate.unknownFields(r.message())) {
                errors.add(error("/message", "unknown-field", "unknown placeholder {{" + field + "}}; known: "
                        + MessageTemplate.FIELDS.stream().sorted().toList()));
            }
        }
        if (r.validityDays() == null || r.validityDays() < 1 || r.validityDays() > 90) {
            errors.add(error("/validityDays", "out-of-range", "validityDays must be 1-90"));
        }
        if (r.currency() == null || !isCurrency(r.currency())) {
            errors.add(error("/currency", "invalid", "currency must be an ISO 4217 code such as EUR"));
        }
        if (!between(r.costPerRedemption(), -1e-9, 100_000)) {
            errors.add(error("/costPerRedemption", "out-of-range", "costPerRedemption must be 0 or more"));
        }
        if (!between(r.budgetTotal(), 0, 1e12)) {
            errors.add(error("/budgetTotal", "out-of-range", "budgetTotal must be positive"));
        }
        if (!between(r.budgetPerDay(), 0, 1e12)) {
            errors.add(error("/budgetPerDay", "out-of-range", "budgetPerDay must be positive"));
        } else if (r.budgetTotal() != null && r.budgetPerDay().compareTo(r.budgetTotal()) > 0) {
            errors.add(error("/budgetPerDay", "out-of-range", "budgetPerDay cannot exceed budgetTotal"));
        }
        if (r.holdoutShare() == null || r.holdoutShare() < 0 || r.holdoutShare() > 0.5) {
            errors.add(error("/holdoutShare", "out-of-range", "holdoutShare must be in [0, 0.5], e.g. 0.1"));
        }
        if (r.priorKeptProbability() != null && (r.priorKeptProbability() < 0 || r.priorKeptProbability() > 1)) {
            errors.add(error("/priorKeptProbability", "out-of-range", "priorKeptProbability is a probability in [0, 1]"));
        }
        return errors;
    }

    private static boolean between(BigDecimal value, double exclusiveLow, double inclusiveHigh) {
        return value != null && value.doubleValue() > exclusiveLow && value.doubleValue() <= inclusiveHigh;
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Problem.Error error(String pointer, String code, String detail) {
        return new Problem.Error(null, pointer, code, detail);
    }
}
