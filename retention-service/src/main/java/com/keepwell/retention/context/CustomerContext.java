package com.keepwell.retention.context;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.CustomerValue;
import com.keepwell.domain.api.RiskBand;

import dev.cel.common.CelVarDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

/**
 * What an eligibility expression can see about a customer at decision time. The CEL variable names and types are
 * the contract with marketers (docs/retention.md); {@link #VARIABLES} declares them so expressions are
 * type-checked when a rule is saved.
 *
 * @param valueEstimate the customer's value over the next year if kept ({@link CustomerValue#yearIfKept})
 * @param daysSinceLastOrder days since the last order, or since first seen when there is none
 * @param daysSinceLastVisit days since the last session or sign-in (or order), or since first seen
 * @param meanRating    mean review rating 1-5, 0 when the customer never reviewed
 * @param visitsPerMonth sessions per 30 days, recent months weighing most ({@link VisitRate})
 */
public record CustomerContext(
        String customerId,
        double riskScore,
        RiskBand riskBand,
        List<String> reasons,
        long tenureDays,
        long orderCount,
        double lifetimeValue,
        double valueEstimate,
        String tier,
        long daysSinceLastOrder,
        long daysSinceLastVisit,
        double visitsPerMonth,
        double avgOrderValue,
        double meanRating,
        String country,
        String language,
        Map<String, Boolean> consents,
        String topCategory,
        Map<String, Double> categoryShare,
        long openTickets,
        double couponShare) {

    public static final List<CelVarDecl> VARIABLES = List.of(
            CelVarDecl.newVarDeclaration("risk_score", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("risk_band", SimpleType.STRING),
            CelVarDecl.newVarDeclaration("reasons", ListType.create(SimpleType.STRING)),
            CelVarDecl.newVarDeclaration("tenure_days", SimpleType.INT),
            CelVarDecl.newVarDeclaration("order_count", SimpleType.INT),
            CelVarDecl.newVarDeclaration("lifetime_value", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("value_estimate", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("tier", SimpleType.STRING),
            CelVarDecl.newVarDeclaration("days_since_last_order", SimpleType.INT),
            CelVarDecl.newVarDeclaration("days_since_last_visit", SimpleType.INT),
            CelVarDecl.newVarDeclaration("visits_per_month", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("avg_order_value", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("mean_rating", SimpleType.DOUBLE),
            CelVarDecl.newVarDeclaration("country", SimpleType.STRING),
            CelVarDecl.newVarDeclaration("language", SimpleType.STRING),
            CelVarDecl.newVarDeclaration("consents", MapType.create(SimpleType.STRING, SimpleType.BOOL)),
            CelVarDecl.newVarDeclaration("top_category", SimpleType.STRING),
            CelVarDecl.newVarDeclaration("category_share", MapType.create(SimpleType.STRING, SimpleType.DOUBLE)),
            CelVarDecl.newVarDeclaration("open_tickets", SimpleType.INT),
            CelVarDecl.newVarDeclaration("coupon_share", SimpleType.DOUBLE));

    /** Tier by lifetime net revenue, as {@link CustomerTier} defines it (documented for marketers in docs/retention.md). */
    public static String tierOf(double lifetimeValue) {
        return CustomerTier.ofLifetimeValue(lifetimeValue).name();
    }

    /** Days between two instants, whole days, never negative. */
    public static long daysBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays());
    }

    /** The variables as CEL sees them (ints as {@code long}). */
    /** Whether the customer has given marketing consent for the channel (the aggregate's contact policy asks). */
    public boolean consentsTo(ContactChannel channel) {
        return consents != null && Boolean.TRUE.equals(consents.get(channel.name()));
    }

    public Map<String, Object> toCel() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("risk_score", riskScore);
        vars.put("risk_band", riskBand == null ? "" : riskBand.name());
        vars.put("reasons", reasons);
        vars.put("tenure_days", tenureDays);
        vars.put("order_count", orderCount);
        vars.put("lifetime_value", lifetimeValue);
        vars.put("value_estimate", valueEstimate);
        vars.put("tier", tier);
        vars.put("days_since_last_order", daysSinceLastOrder);
        vars.put("days_since_last_visit", daysSinceLastVisit);
        vars.put("visits_per_month", visitsPerMonth);
        vars.put("avg_order_value", avgOrderValue);
        vars.put("mean_rating", meanRating);
        vars.put("country", country == null ? "" : country);
        vars.put("language", language == null ? "" : language);
        vars.put("consents", consents);
        vars.put("top_category", topCategory == null ? "" : topCategory);
        vars.put("category_share", categoryShare);
        vars.put("open_tickets", openTickets);
        vars.put("coupon_share", couponShare);
        return vars;
    }
}
