package com.keepwell.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.storefront.ProductReviewed;
import com.keepwell.domain.storefront.StorefrontEventType;
import com.keepwell.scoring.ingest.ParsedEvent;
import com.keepwell.scoring.ingest.StorefrontEventParser;

class StorefrontSimulatorTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static SimulationSettings settings(long seed, int customers, int days) {
        return SimulationSettings.defaults(seed, customers, START, Duration.ofDays(days));
    }

    private static List<SimEvent> all(StorefrontSimulator simulator) {
        List<SimEvent> events = new ArrayList<>();
        simulator.forEachRemaining(events::add);
        return events;
    }

    @Test
    void the_same_seed_gives_the_same_event_stream_and_another_seed_another() {
        List<byte[]> first = new ArrayList<>();
        new StorefrontSimulator(settings(7, 300, 120)).forEachRemaining(e -> first.add(CloudEvents.toJson(e, "/s")));
        List<byte[]> second = new ArrayList<>();
        new StorefrontSimulator(settings(7, 300, 120)).forEachRemaining(e -> second.add(CloudEvents.toJson(e, "/s")));
        List<SimEvent> other = all(new StorefrontSimulator(settings(8, 300, 120)));

        assertThat(first).hasSizeGreaterThan(10_000).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isEqualTo(first.get(i));
        }
        assertThat(other.size()).isNotEqualTo(first.size());
    }

    @Test
    void events_come_in_time_order() {
        List<SimEvent> events = all(new StorefrontSimulator(settings(3, 500, 90)));
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).time()).isAfterOrEqualTo(events.get(i - 1).time());
        }
    }

    @Test
    void every_generated_event_passes_the_ingestion_validator() {
        StorefrontEventParser parser = new StorefrontEventParser(CloudEvents.JSON,
                Validation.buildDefaultValidatorFactory().getValidator(), Duration.ofMinutes(5), Clock.systemUTC());
        Map<StorefrontEventType, Integer> seen = new HashMap<>();
        new StorefrontSimulator(settings(11, 800, 365)).forEachRemaining(event -> {
            ParsedEvent parsed = parser.parse(CloudEvents.toJson(event, "/simulator"));
            assertThat(parsed.violations()).as(event.toString()).isEmpty();
            seen.merge(event.type(), 1, Integer::sum);
        });
        assertThat(seen.keySet()).containsExactlyInAnyOrder(StorefrontEventType.values());
    }

    @Test
    void churned_customers_go_silent() {
        StorefrontSimulator simulator = new StorefrontSimulator(settings(5, 1000, 365));
        List<SimEvent> events = all(simulator);
        Map<String, Instant> churnedAt = simulator.groundTruth().stream()
                .filter(t -> t.churnedAt() != null)
                .collect(Collectors.toMap(GroundTruth::customerId, GroundTruth::churnedAt));

        assertThat(churnedAt.size()).isBetween(200, 950);
        assertThat(events).allSatisfy(e -> {
            Instant churn = churnedAt.get(e.customerId());
            if (churn != null) {
                assertThat(e.time()).isBeforeOrEqualTo(churn);
            }
        });
    }

    @Test
    void dissatisfied_customers_write_more_negative_reviews() {
        StorefrontSimulator simulator = new StorefrontSimulator(settings(9, 4000, 365));
        List<SimEvent> reviews = all(simulator).stream()
                .filter(e -> e.type() == StorefrontEventType.PRODUCT_REVIEWED).toList();
        Map<String, Double> satisfaction = simulator.groundTruth().stream()
                .collect(Collectors.toMap(GroundTruth::customerId, GroundTruth::finalSatisfaction));

        double unhappy = meanRating(reviews, satisfaction, 0, 0.5);
        double happy = meanRating(reviews, satisfaction, 0.8, 1.01);
        assertThat(unhappy).isLessThan(happy - 0.8);
        assertThat(reviews).allSatisfy(e -> {
            ProductReviewed review = (ProductReviewed) e.data();
            if (review.rating() <= 2 && "en".equals(review.language())) {
                assertThat(review.text()).containsAnyOf("disappointed", "Terrible", "not recommend", "Waste",
                        "broke", "late", "Nothing like", "never answered");
            }
        });
    }

    private static double meanRating(List<SimEvent> reviews, Map<String, Double> satisfaction, double from,
            double to) {
        return reviews.stream()
                .filter(e -> satisfaction.get(e.customerId()) >= from && satisfaction.get(e.customerId()) < to)
                .mapToInt(e -> ((ProductReviewed) e.data()).rating())
                .average().orElseThrow();
    }

    @Test
    void offers_change_behaviour_only_where_the_true_response_says_so() {
        int customers = 6000;
        Instant offerAt = START.plus(Duration.ofDays(60));
        StorefrontSimulator untreated = new StorefrontSimulator(settings(21, customers, 150));
        StorefrontSimulator treated = new StorefrontSimulator(settings(21, customers, 150));
        runUntil(untreated, offerAt);
        runUntil(treated, offerAt);
        List<String> aliveAtOffer = untreated.groundTruth().stream()
                .filter(t -> !t.arrivedAt().isAfter(offerAt))
                .filter(t -> t.churnedAt() == null || t.churnedAt().isAfter(offerAt))
                .map(GroundTruth::customerId).toList();
        aliveAtOffer.forEach(id -> treated.deliverOffer(id, OfferType.PERCENT_DISCOUNT, offerAt, 14));
        untreated.forEachRemaining(e -> { });
        treated.forEachRemaining(e -> { });

        Map<OfferResponse.Kind, double[]> churn = new HashMap<>();
        Map<String, GroundTruth> before = byId(untreated.groundTruth());
        Map<String, GroundTruth> after = byId(treated.groundTruth());
        for (String id : aliveAtOffer) {
            OfferResponse.Kind kind = before.get(id).responseKinds().get(OfferType.PERCENT_DISCOUNT);
            double[] counts = churn.computeIfAbsent(kind, k -> new double[3]);
            counts[0]++;
            counts[1] += before.get(id).churnedAt() != null ? 1 : 0;
            counts[2] += after.get(id).churnedAt() != null ? 1 : 0;
        }
        double[] persuadable = churn.get(OfferResponse.Kind.PERSUADABLE);
        double[] lostCause = churn.get(OfferResponse.Kind.LOST_CAUSE);
        double[] sleepingDog = churn.get(OfferResponse.Kind.SLEEPING_DOG);
        assertThat(rate(persuadable, 2)).as("persuadables churn less when treated").isLessThan(rate(persuadable, 1) - 0.08);
        assertThat(Math.abs(rate(lostCause, 2) - rate(lostCause, 1))).as("lost causes unmoved").isLessThan(0.04);
        assertThat(rate(sleepingDog, 2)).as("sleeping dogs churn more when treated").isGreaterThan(rate(sleepingDog, 1));
    }

    private static void runUntil(StorefrontSimulator simulator, Instant until) {
        while (simulator.hasNext() && simulator.clock().isBefore(until)) {
            simulator.next();
        }
    }

    private static Map<String, GroundTruth> byId(List<GroundTruth> truths) {
        return truths.stream().collect(Collectors.toMap(GroundTruth::customerId, t -> t));
    }

    private static double rate(double[] counts, int column) {
        return counts[column] / counts[0];
    }

    @Test
    void ground_truth_uplift_is_positive_for_persuadables_and_negative_for_sleeping_dogs() {
        StorefrontSimulator simulator = new StorefrontSimulator(settings(4, 2000, 120));
        simulator.forEachRemaining(e -> { });
        List<GroundTruth> truths = simulator.groundTruth();
        assertThat(truths).allSatisfy(t -> t.snapshots().stream().filter(GroundTruth.Snapshot::alive).forEach(s ->
                Arrays.stream(OfferType.values()).forEach(offer -> {
                    double uplift = s.uplift().get(offer);
                    switch (t.responseKinds().get(offer)) {
                        case PERSUADABLE -> assertThat(uplift).isPositive();
                        case SLEEPING_DOG -> assertThat(uplift).isNegative();
                        default -> assertThat(uplift).isZero();
                    }
                    assertThat(s.churnProbability()).isBetween(0.0, 1.0);
                })));
    }

    @Test
    void expected_uplift_is_what_the_drawn_types_average_to() {
        StorefrontSimulator simulator = new StorefrontSimulator(settings(4, 3000, 120));
        simulator.forEachRemaining(e -> { });
        for (OfferType offer : OfferType.values()) {
            double expected = 0;
            double realised = 0;
            int n = 0;
            for (GroundTruth t : simulator.groundTruth()) {
                for (GroundTruth.Snapshot s : t.snapshots()) {
                    if (s.alive()) {
                        // before the draw, a customer's expectation lies between a sleeping dog's and a persuadable's
                        assertThat(s.expectedUplift().get(offer)).isGreaterThan(0).isLessThan(s.churnProbability());
                        expected += s.expectedUplift().get(offer);
                        realised += s.uplift().get(offer);
                        n++;
                    }
                }
            }
            assertThat(n).isGreaterThan(1000);
            // over thousands of customers the drawn response types average out to the traits' expectation
            assertThat(realised / n).as(offer.name()).isCloseTo(expected / n, org.assertj.core.data.Percentage.withPercentage(25));
        }
    }
}
