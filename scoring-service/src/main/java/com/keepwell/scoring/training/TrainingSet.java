package com.keepwell.scoring.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Point-in-time training rows: for each customer and snapshot time t, the features as of t, whether the customer
 * churned in the horizon after t (1) or not (0), and the segment the customer was in at t.
 */
public record TrainingSet(List<Row> rows) {

    public record Segment(String country, String tenureBand, String tier) {
    }

    public record Row(String customerId, Instant snapshot, float[] features, int label, Segment segment) {
    }

    public TrainingSet {
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    public float[][] features() {
        return rows.stream().map(Row::features).toArray(float[][]::new);
    }

    public int[] labels() {
        return rows.stream().mapToInt(Row::label).toArray();
    }

    public TrainingSet filter(Predicate<Row> keep) {
        return new TrainingSet(rows.stream().filter(keep).toList());
    }

    public List<Instant> snapshots() {
        return rows.stream().map(Row::snapshot).distinct().sorted().toList();
    }

    public double churnRate() {
        return rows.isEmpty() ? Double.NaN : rows.stream().mapToInt(Row::label).average().orElse(Double.NaN);
    }

    /** Splits by snapshot time: the earliest snapshots train, the next validate, the latest test. */
    public List<TrainingSet> splitByTime(int validationSnapshots, int testSnapshots) {
        List<Instant> times = snapshots();
        if (times.size() < validationSnapshots + testSnapshots + 1) {
            throw new IllegalArgumentException("a time-based split needs at least " + (validationSnapshots
                    + testSnapshots + 1) + " snapshot times, the data has " + times.size());
        }
        Instant validFrom = times.get(times.size() - validationSnapshots - testSnapshots);
        Instant testFrom = times.get(times.size() - testSnapshots);
        List<TrainingSet> split = new ArrayList<>();
        split.add(filter(r -> r.snapshot().isBefore(validFrom)));
        split.add(filter(r -> !r.snapshot().isBefore(validFrom) && r.snapshot().isBefore(testFrom)));
        split.add(filter(r -> !r.snapshot().isBefore(testFrom)));
        return split;
    }
}
