package com.keepwell.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.features.TextSignals;

class TrainingSetBuilderTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private int ids;

    private OrderPlacedEvent order(String customer, String order, int day) {
        return new OrderPlacedEvent(CustomerId.of(customer), StorefrontEventId.of("e" + ids++),
                T0.plus(Duration.ofDays(day)), OrderId.of(order), Money.of("10.00", "EUR"), null, null,
                List.of(new OrderLine(ProductId.of("p"), "books", 1, Money.of("10.00", "EUR"))), null);
    }

    @Test
    void labels_churn_by_what_happened_in_the_horizon_and_drops_unknowable_snapshots() {
        Instant s1 = T0.plus(Duration.ofDays(30));
        Instant s2 = T0.plus(Duration.ofDays(60));
        Instant s3 = T0.plus(Duration.ofDays(100)); // horizon reaches past the data
        TrainingSetBuilder builder = new TrainingSetBuilder(new FeatureProjector(TextSignals.NONE), List.of(s1, s2, s3),
                Duration.ofDays(30), Duration.ofDays(1));
        // "loyal" orders every 20 days; "gone" ordered once; "cancels" re-ordered then cancelled
        List<CustomerEvent> events = new java.util.ArrayList<>();
        for (int day = 1; day <= 110; day += 20) {
            events.add(order("loyal", "l" + day, day));
        }
        events.add(order("gone", "g1", 5));
        events.add(order("cancels", "c1", 10));
        events.add(order("cancels", "c2", 45));
        events.add(new OrderCancelledEvent(CustomerId.of("cancels"), StorefrontEventId.of("x"),
                T0.plus(Duration.ofDays(46)), OrderId.of("c2"), "changed mind", Money.of("10.00", "EUR")));
        events.add(order("loyal", "l-end", 115));
        events.stream().sorted(java.util.Comparator.comparing(CustomerEvent::occurredAt)).forEach(builder::accept);

        TrainingSet set = builder.build();

        assertThat(set.snapshots()).containsExactly(s1, s2);
        assertThat(label(set, "loyal", s1)).isZero();
        assertThat(label(set, "gone", s1)).isEqualTo(1);
        assertThat(label(set, "cancels", s1)).isEqualTo(1);
        assertThat(label(set, "loyal", s2)).isZero();
    }

    @Test
    void splits_by_time_never_by_row() {
        TrainingSet.Segment seg = new TrainingSet.Segment("DE", "<90d", "bronze");
        List<TrainingSet.Row> rows = new java.util.ArrayList<>();
        for (int s = 0; s < 5; s++) {
            for (int c = 0; c < 3; c++) {
                rows.add(new TrainingSet.Row("c" + c, T0.plus(Duration.ofDays(30L * s)), new float[] {s}, c % 2, seg));
            }
        }
        List<TrainingSet> split = new TrainingSet(rows).splitByTime(1, 2);
        assertThat(split.get(0).snapshots()).containsExactly(T0, T0.plus(Duration.ofDays(30)));
        assertThat(split.get(1).snapshots()).containsExactly(T0.plus(Duration.ofDays(60)));
        assertThat(split.get(2).snapshots()).containsExactly(T0.plus(Duration.ofDays(90)), T0.plus(Duration.ofDays(120)));
        Instant lastTrain = split.get(0).snapshots().get(1);
        assertThat(split.get(2).rows()).allSatisfy(r -> assertThat(r.snapshot()).isAfter(lastTrain));
        assertThatThrownBy(() -> new TrainingSet(rows).splitByTime(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int label(TrainingSet set, String customer, Instant snapshot) {
        return set.rows().stream().filter(r -> r.customerId().equals(customer) && r.snapshot().equals(snapshot))
                .findFirst().orElseThrow().label();
    }
}
