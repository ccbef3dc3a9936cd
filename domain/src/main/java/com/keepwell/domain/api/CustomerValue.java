package com.keepwell.domain.api;

/**
 * What a customer is worth to the shop, as the retention service values an offer and the agents' worklist ranks
 * value at risk. One definition, so an agent and a rule see the same customer alike.
 */
public final class CustomerValue {

    /** Tenure counted for the rate at least this long, so a first order on day one does not read as a year's worth a day. */
    public static final int MINIMUM_TENURE_DAYS = 30;

    private CustomerValue() {
    }

    /**
     * A year's value if kept: lifetime net revenue per day of tenure (at least {@value #MINIMUM_TENURE_DAYS} days
     * counted) times 365. The read models' {@code customer_summary.value_at_risk} column computes the same in SQL
     * (migration {@code V202612081000}), times the churn score.
     */
    public static double yearIfKept(double lifetimeValue, long tenureDays) {
        return lifetimeValue / Math.max(MINIMUM_TENURE_DAYS, tenureDays) * 365;
    }
}
