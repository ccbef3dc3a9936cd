package com.keepwell.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the simulator knows and the platform must estimate, for one customer. Never sent to the platform.
 *
 * @param churnedAt  when the customer left for good, or {@code null} if still a customer at the end
 * @param snapshots  at each requested time: the true probability of churning within the horizon, and the true
 *                   uplift (reduction of that probability) of each offer type
 */
public record GroundTruth(String customerId, Instant arrivedAt, Instant churnedAt, double baseHazardPerDay,
        double sessionsPerDay, double finalSatisfaction, Map<OfferType, OfferResponse.Kind> responseKinds,
        List<Snapshot> snapshots) {

    /**
     * The truth at one moment; {@code alive} is false once the customer has churned (probability 1 then).
     * {@code uplift} follows the customer's drawn response type; {@code expectedUplift} is what the customer's traits
     * lead one to expect before that draw (response-type shares times their uplift).
     */
    public record Snapshot(Instant at, boolean alive, double satisfaction, int horizonDays,
            double churnProbability, Map<OfferType, Double> uplift, Map<OfferType, Double> expectedUplift) {
    }
}
