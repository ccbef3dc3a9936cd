package com.keepwell.scoring.features;

/**
 * The customers the churn model speaks for: an open account with at least one order that was not cancelled. A
 * registrant who has not bought yet has no purchase habit to lose; the model is not trained on such rows (their
 * order features are all missing), so a score for them would be an extrapolation, and a retention offer to them
 * would be an activation campaign, which is not this platform's job. Training, serving and the evaluations all
 * draw the line here, so the model is judged on the customers it scores.
 */
public final class ChurnPopulation {

    private final int lastOrder;
    private final int closed;

    private ChurnPopulation(FeatureSchema schema) {
        this.lastOrder = schema.indexOf("days_since_last_order");
        this.closed = schema.indexOf("account_closed");
    }

    public static ChurnPopulation of(FeatureSchema schema) {
        return new ChurnPopulation(schema);
    }

    /** Whether a customer with these features (as of some time t) belongs to the population then. */
    public boolean includes(float[] features) {
        return features[closed] == 0 && !Float.isNaN(features[lastOrder]);
    }

    /** Whether the customer belongs to it after everything the history has seen. */
    public static boolean includes(CustomerHistory history) {
        return !history.closed() && history.hasOrdered();
    }
}
