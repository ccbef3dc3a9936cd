package com.keepwell.scoring.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

import com.keepwell.domain.api.RiskReason;

/**
 * Turns the served model's per-feature contributions into reason codes people can read: the topics (orders, visits,
 * spend, support …) that pushed this customer's churn risk up the most, each with a stable code and a sentence
 * built from the customer's own value ("no order for 74 days"). Features of one topic say much the same thing ("no
 * visit for 40 days", "0 visits in the last 30 days"), so a topic is one reason: its features' contributions are
 * summed (contributions are additive, so the sum is the topic's share of the log-odds) and it reads as its
 * strongest risk-raising feature. Only topics that raise the risk become reasons.
 */
public final class ReasonCatalog {

    /** Contributions below this (log-odds) are noise, not reasons. */
    static final double MIN_CONTRIBUTION = 0.02;

    private record Reason(String code, DoubleFunction<String> text) {
    }

    private static final Map<String, Reason> REASONS = Map.ofEntries(
            Map.entry("days_since_last_order", new Reason("NO_RECENT_ORDER",
                    v -> Double.isNaN(v) ? "has never ordered" : "no order for " + days(v))),
            Map.entry("tenure_days", new Reason("TENURE", v -> "customer for " + days(v))),
            Map.entry("orders_7d", new Reason("FEW_ORDERS_7D", v -> count(v, "order") + " in the last 7 days")),
            Map.entry("orders_30d", new Reason("FEW_ORDERS_30D", v -> count(v, "order") + " in the last 30 days")),
            Map.entry("orders_90d", new Reason("FEW_ORDERS_90D", v -> count(v, "order") + " in the last 90 days")),
            Map.entry("orders_365d", new Reason("FEW_ORDERS_365D", v -> count(v, "order") + " in the last year")),
            Map.entry("orders_lifetime", new Reason("FEW_ORDERS", v -> count(v, "order") + " in total")),
            Map.entry("order_days_lifetime", new Reason("FEW_SHOPPING_DAYS", v -> "ordered on " + count(v, "day"))),
            Map.entry("revenue_30d", new Reason("LOW_SPEND_30D", v -> money(v) + " spent in the last 30 days")),
            Map.entry("revenue_90d", new Reason("LOW_SPEND_90D", v -> money(v) + " spent in the last 90 days")),
            Map.entry("revenue_365d", new Reason("LOW_SPEND_365D", v -> money(v) + " spent in the last year")),
            Map.entry("revenue_lifetime", new Reason("LOW_LIFETIME_SPEND", v -> money(v) + " spent in total")),
            Map.entry("avg_order_value_365d", new Reason("ORDER_VALUE", missing("no order in the last year", v -> "average order " + money(v)))),
            Map.entry("mean_days_between_orders", new Reason("ORDER_RHYTHM",
                    v -> Double.isNaN(v) ? "only one order so far" : "orders every " + days(v) + " on average")),
            Map.entry("days_since_first_order", new Reason("FIRST_ORDER_AGE", missing("has never ordered", v -> "first order " + days(v) + " ago"))),
            Map.entry("order_gap_ratio", new Reason("OVERDUE_ORDER",
                    v -> Double.isNaN(v) ? "no repeat order yet" : fmt("next order overdue: %.1f× the usual gap", v))),
            Map.entry("active_span_share", new Reason("GONE_QUIET", missing("has never ordered",
                    v -> fmt("ordering stopped %.0f %% of the way into the relationship", 100 * v)))),
            Map.entry("avg_order_value_lifetime", new Reason("ORDER_VALUE_LIFETIME", missing("has never ordered", v -> "average order " + money(v)))),
            Map.entry("units_per_order_lifetime", new Reason("SMALL_BASKETS", missing("has never ordered", v -> fmt("%.1f items per order", v)))),
            Map.entry("price_per_unit_lifetime", new Reason("ITEM_PRICE", missing("has never ordered", v -> "average item " + money(v)))),
            Map.entry("order_rate_trend", new Reason("ORDERS_SLOWING",
                    v -> v < 0 ? "ordering less often than before" : "order rate changed")),
            Map.entry("sessions_30d", new Reason("FEW_VISITS_30D", v -> count(v, "visit") + " in the last 30 days")),
            Map.entry("sessions_90d", new Reason("FEW_VISITS_90D", v -> count(v, "visit") + " in the last 90 days")),
            Map.entry("session_rate_trend", new Reason("VISITS_SLOWING",
                    v -> v < 0 ? "visiting less often than before" : "visit rate changed")),
            Map.entry("days_since_last_session", new Reason("NO_RECENT_VISIT",
                    v -> Double.isNaN(v) ? "no recorded visit" : "no visit for " + days(v))),
            Map.entry("product_views_per_session_90d", new Reason("SHALLOW_BROWSING", missing("no visit in 90 days",
                    v -> fmt("%.1f product views per visit", v)))),
            Map.entry("cart_adds_90d", new Reason("FEW_CART_ADDS", v -> count(v, "cart addition") + " in 90 days")),
            Map.entry("checkout_dropoff_90d", new Reason("CHECKOUT_DROPOFF", missing("no checkout in 90 days",
                    v -> fmt("abandoned %.0f %% of checkouts in 90 days", 100 * v)))),
            Map.entry("return_rate_365d", new Reason("HIGH_RETURN_RATE", missing("no order in the last year",
                    v -> fmt("returned %.0f %% of orders in the last year", 100 * v)))),
            Map.entry("returns_30d", new Reason("RECENT_RETURNS", v -> count(v, "return") + " in 30 days")),
            Map.entry("cancellation_rate_365d", new Reason("CANCELLED_ORDERS", missing("no order in the last year",
                    v -> fmt("cancelled %.0f %% of orders in the last year", 100 * v)))),
            Map.entry("discount_share_365d", new Reason("DISCOUNT_DEPENDENT", missing("no order in the last year",
                    v -> fmt("%.0f %% of orders used a discount", 100 * v)))),
            Map.entry("review_rating_mean_365d", new Reason("LOW_RATINGS",
                    v -> Double.isNaN(v) ? "no reviews" : fmt("average review rating %.1f", v))),
            Map.entry("review_rating_trend", new Reason("RATINGS_FALLING", missing("no recent reviews",
                    v -> v < 0 ? fmt("recent ratings %.1f below the year's average", -v) : "ratings changed"))),
            Map.entry("tickets_90d", new Reason("SUPPORT_TICKETS", v -> count(v, "support ticket") + " in 90 days")),
            Map.entry("tickets_open", new Reason("OPEN_TICKETS", v -> count(v, "support ticket") + " still open")),
            Map.entry("ticket_satisfaction_mean_365d", new Reason("SUPPORT_DISSATISFACTION",
                    v -> Double.isNaN(v) ? "no support feedback" : fmt("support satisfaction %.1f of 5", v))),
            Map.entry("days_since_last_login", new Reason("NO_RECENT_LOGIN",
                    v -> Double.isNaN(v) ? "never signed in" : "no sign-in for " + days(v))),
            Map.entry("marketing_consents", new Reason("NO_MARKETING_CONSENT",
                    v -> v == 0 ? "no marketing consent" : count(v, "marketing channel") + " allowed")),
            Map.entry("review_negative_tone_365d", new Reason("NEGATIVE_REVIEW_TONE", missing("no review text in the last year",
                    v -> fmt("negative review tone (%.0f %%)", 100 * v)))),
            Map.entry("ticket_negative_tone_90d", new Reason("NEGATIVE_TICKET_TONE", missing("no support ticket text in 90 days",
                    v -> fmt("negative tone in support tickets (%.0f %%)", 100 * v)))),
            Map.entry("account_closed", new Reason("ACCOUNT_CLOSED", v -> "closed the account")));

    /** Which topic each feature speaks to; a feature not listed is a topic of its own. */
    private static final Map<String, String> TOPICS = topics(Map.of(
            "orders", List.of("days_since_last_order", "orders_7d", "orders_30d", "orders_90d", "orders_365d",
                    "orders_lifetime", "order_days_lifetime", "mean_days_between_orders", "days_since_first_order",
                    "order_gap_ratio", "active_span_share", "order_rate_trend"),
            "spend", List.of("revenue_30d", "revenue_90d", "revenue_365d", "revenue_lifetime", "avg_order_value_365d",
                    "avg_order_value_lifetime", "units_per_order_lifetime", "price_per_unit_lifetime"),
            "visits", List.of("sessions_30d", "sessions_90d", "session_rate_trend", "days_since_last_session",
                    "product_views_per_session_90d"),
            "cart", List.of("cart_adds_90d", "checkout_dropoff_90d"),
            "returns", List.of("return_rate_365d", "returns_30d"),
            "reviews", List.of("review_rating_mean_365d", "review_rating_trend", "review_negative_tone_365d"),
            "support", List.of("tickets_90d", "tickets_open", "ticket_satisfaction_mean_365d",
                    "ticket_negative_tone_90d")));

    private ReasonCatalog() {
    }

    private static Map<String, String> topics(Map<String, List<String>> byTopic) {
        Map<String, String> topics = new HashMap<>();
        byTopic.forEach((topic, features) -> features.forEach(f -> topics.put(f, topic)));
        return Map.copyOf(topics);
    }

    /** A missing value (NaN: nothing to compute it from) reads as what is missing, not as a number. */
    private static DoubleFunction<String> missing(String whenMissing, DoubleFunction<String> text) {
        return v -> Double.isNaN(v) ? whenMissing : text.apply(v);
    }

    /**
     * The strongest risk-raising topics as reasons, at most {@code max}; {@code phi} has one contribution per
     * feature (a trailing bias is ignored). A reason's contribution is its topic's.
     */
    public static List<RiskReason> reasons(List<String> names, float[] features, double[] phi, int max) {
        Map<String, Double> byTopic = new LinkedHashMap<>();
        Map<String, Integer> strongest = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            String topic = TOPICS.getOrDefault(names.get(j), names.get(j));
            byTopic.merge(topic, phi[j], Double::sum);
            Integer best = strongest.get(topic);
            if (best == null || phi[j] > phi[best]) {
                strongest.put(topic, j);
            }
        }
        List<RiskReason> reasons = new ArrayList<>();
        byTopic.forEach((topic, contribution) -> {
            int j = strongest.get(topic);
            if (contribution >= MIN_CONTRIBUTION && phi[j] > 0) {
                reasons.add(reason(names.get(j), features[j], contribution));
            }
        });
        reasons.sort(Comparator.comparingDouble(RiskReason::contribution).reversed());
        return reasons.size() > max ? List.copyOf(reasons.subList(0, max)) : List.copyOf(reasons);
    }

    private static RiskReason reason(String name, double value, double contribution) {
        Reason reason = REASONS.getOrDefault(name,
                new Reason(name.toUpperCase(Locale.ROOT), v -> name.replace('_', ' ') + ": " + fmt("%.2f", v)));
        String text = reason.text().apply(value);
        if (Double.isNaN(value) && text.contains("NaN")) {
            // features that the projector always fills, left out of a hand-made request
            text = "no data on " + name.replace('_', ' ');
        }
        return new RiskReason(reason.code(), name, Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0,
                Math.round(contribution * 1000) / 1000.0, text);
    }

    private static String days(double v) {
        long d = Math.round(v);
        return d == 1 ? "1 day" : d + " days";
    }

    private static String count(double v, String noun) {
        long n = Math.round(v);
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String money(double v) {
        return fmt("%.2f", v);
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
