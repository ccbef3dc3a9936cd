package com.keepwell.modeltools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.keepwell.scoring.features.ChurnPopulation;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;

/**
 * The customers the scoring service would score at {@code t}: seen by then and in the {@link ChurnPopulation} then
 * (an open account with an order), with their features as of {@code t}, in the same order.
 */
record ScoredCustomers(List<String> ids, List<float[]> rows) {

    static ScoredCustomers at(Map<String, CustomerHistory> histories, FeatureProjector projector, Instant t) {
        ChurnPopulation population = ChurnPopulation.of(projector.schema());
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        histories.forEach((id, history) -> {
            if (history.firstSeen() != null && !history.firstSeen().isAfter(t)) {
                float[] f = projector.features(history, t);
                if (population.includes(f)) {
                    ids.add(id);
                    rows.add(f);
                }
            }
        });
        return new ScoredCustomers(ids, rows);
    }

    float[][] matrix() {
        return rows.toArray(float[][]::new);
    }
}
