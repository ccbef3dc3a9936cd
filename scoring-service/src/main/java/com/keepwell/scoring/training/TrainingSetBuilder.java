package com.keepwell.scoring.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.keepwell.domain.api.AccountClosedEvent;
import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.domain.api.OrderCancelledEvent;
import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.scoring.features.ChurnPopulation;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.features.FeatureSchema;

/**
 * Builds point-in-time training rows from a customer event stream in (roughly) time order, through the same
 * {@link FeatureProjector} the online scorer uses. At each snapshot time t, every customer of the
 * {@link ChurnPopulation} then whose last order was at most a year before t gets a row of features as of t. The
 * label is 1 when the customer placed no order in (t, t + horizon] or closed the account then, else 0; a snapshot
 * whose horizon reaches past the end of the data is dropped, as its labels are not known yet. Snapshots are taken
 * once the stream is {@code slack} past t, so late-arriving facts dated before t are in; facts dated after t never
 * count.
 */
public final class TrainingSetBuilder {

    private final FeatureProjector projector;
    private final TreeSet<Instant> pending;
    private final Duration horizon;
    private final Duration slack;
    private final Map<String, CustomerHistory> histories = new HashMap<>();
    private final Map<String, Map<String, Long>> orderTimes = new HashMap<>();
    private final Map<String, Long> closedAt = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private Instant streamTime = Instant.MIN;
    private long events;

    private record Candidate(String customerId, Instant snapshot, float[] features, TrainingSet.Segment segment) {
    }

    public TrainingSetBuilder(FeatureProjector projector, List<Instant> snapshots, Duration horizon, Duration slack) {
        this.projector = projector;
        this.pending = new TreeSet<>(snapshots);
        this.horizon = horizon;
        this.slack = slack;
    }

    public long events() {
        return events;
    }

    public int customers() {
        return histories.size();
    }

    public void accept(Object event) {
        if (!(event instanceof CustomerEvent e)) {
            return;
        }
        events++;
        while (!pending.isEmpty() && e.occurredAt().isAfter(pending.first().plus(slack))) {
            snapshot(pending.pollFirst());
        }
        if (e.occurredAt().isAfter(streamTime)) {
            streamTime = e.occurredAt();
        }
        String id = e.customerId().value();
        projector.apply(histories.computeIfAbsent(id, k -> new CustomerHistory()), e);
        long at = e.occurredAt().getEpochSecond();
        if (e instanceof OrderPlacedEvent o) {
            orderTimes.computeIfAbsent(id, k -> new HashMap<>()).put(o.orderId().value(), at);
        } else if (e instanceof OrderCancelledEvent c) {
            // a cancelled order is not a purchase: it does not make the customer retained
            Map<String, Long> orders = orderTimes.get(id);
            if (orders != null) {
                orders.remove(c.orderId().value());
            }
        } else if (e instanceof AccountClosedEvent) {
            closedAt.merge(id, at, Math::min);
        }
    }

    private void snapshot(Instant t) {
        FeatureSchema schema = projector.schema();
        int lastOrder = schema.indexOf("days_since_last_order");
        int tenure = schema.indexOf("tenure_days");
        int revenue = schema.indexOf("revenue_365d");
        ChurnPopulation population = ChurnPopulation.of(schema);
        histories.forEach((id, history) -> {
            if (history.firstSeen() == null || history.firstSeen().isAfter(t)) {
                return;
            }
            float[] f = projector.features(history, t);
            if (!population.includes(f) || f[lastOrder] > 365) {
                return;
            }
            candidates.add(new Candidate(id, t, f, segment(history, f[tenure], f[revenue])));
        });
    }

    static TrainingSet.Segment segment(CustomerHistory history, float tenureDays, float revenue365) {
        String tenureBand = tenureDays < 90 ? "<90d" : tenureDays < 365 ? "90-365d" : ">365d";
        String tier = revenue365 >= 500 ? "gold" : revenue365 >= 100 ? "silver" : "bronze";
        return new TrainingSet.Segment(history.country() == null ? "unknown" : history.country(), tenureBand, tier);
    }

    /** Takes the remaining snapshots and labels every row whose horizon the data covers. */
    public TrainingSet build() {
        while (!pending.isEmpty() && !pending.first().isAfter(streamTime)) {
            snapshot(pending.pollFirst());
        }
        List<TrainingSet.Row> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            Instant end = c.snapshot().plus(horizon);
            if (end.isAfter(streamTime)) {
                continue;
            }
            long from = c.snapshot().getEpochSecond();
            long to = end.getEpochSecond();
            boolean ordered = orderTimes.getOrDefault(c.customerId(), Map.of()).values().stream()
                    .anyMatch(at -> at > from && at <= to);
            Long closed = closedAt.get(c.customerId());
            boolean closedInHorizon = closed != null && closed > from && closed <= to;
            rows.add(new TrainingSet.Row(c.customerId(), c.snapshot(), c.features(),
                    !ordered || closedInHorizon ? 1 : 0, c.segment()));
        }
        return new TrainingSet(rows);
    }
}
