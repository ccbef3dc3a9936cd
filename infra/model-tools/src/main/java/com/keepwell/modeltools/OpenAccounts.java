package com.keepwell.modeltools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;

/**
 * The customers the scoring service would score at {@code t}: seen by then and not closed, with their features as
 * of {@code t}, in the same order.
 */
record OpenAccounts(List<String> ids, List<float[]> rows) {

    static OpenAccounts at(Map<String, CustomerHistory> histories, FeatureProjector projector, Instant t) {
        int closed = projector.schema().indexOf("account_closed");
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        histories.forEach((id, history) -> {
            if (history.firstSeen() != null && !history.firstSeen().isAfter(t)) {
                float[] f = projector.features(history, t);
                if (f[closed] == 0) {
                    ids.add(id);
                    rows.add(f);
                }
            }
        });
        return new OpenAccounts(ids, rows);
    }

    float[][] matrix() {
        return rows.toArray(float[][]::new);
    }
}
