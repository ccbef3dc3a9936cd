package com.keepwell.scoring.features;

import java.util.List;

/**
 * The churn model's input: names in column order and a version that changes whenever a name, its order or its
 * meaning changes. A model records the schema it was trained on; the scorer refuses a model whose schema differs
 * from the projector's.
 */
public record FeatureSchema(String version, List<String> names) {

    public static final FeatureSchema V1 = new FeatureSchema("churn-features-v1", List.of(
            "days_since_last_order",
            "tenure_days",
            "orders_7d",
            "orders_30d",
            "orders_90d",
            "orders_365d",
            "orders_lifetime",
            "order_days_lifetime",
            "revenue_30d",
            "revenue_90d",
            "revenue_365d",
            "revenue_lifetime",
            "avg_order_value_365d",
            "mean_days_between_orders",
            "days_since_first_order",
            "order_gap_ratio",
            "active_span_share",
            "avg_order_value_lifetime",
            "units_per_order_lifetime",
            "price_per_unit_lifetime",
            "order_rate_trend",
            "sessions_30d",
            "sessions_90d",
            "session_rate_trend",
            "days_since_last_session",
            "product_views_per_session_90d",
            "cart_adds_90d",
            "checkout_dropoff_90d",
            "return_rate_365d",
            "returns_30d",
            "cancellation_rate_365d",
            "discount_share_365d",
            "review_rating_mean_365d",
            "review_rating_trend",
            "tickets_90d",
            "tickets_open",
            "ticket_satisfaction_mean_365d",
            "days_since_last_login",
            "marketing_consents",
            "review_negative_tone_365d",
            "ticket_negative_tone_90d",
            "account_closed"));

    public FeatureSchema {
        names = List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("feature " + name + " is not in schema " + version);
        }
        return i;
    }
}
