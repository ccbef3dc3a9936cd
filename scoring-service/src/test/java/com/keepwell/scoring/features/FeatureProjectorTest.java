package com.keepwell.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.*;

class FeatureProjectorTest {

    private static final CustomerId ALICE = CustomerId.of("c-alice");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final FeatureProjector projector = new FeatureProjector(TextSignals.NONE);
    private final FeatureSchema schema = FeatureSchema.V1;
    private int ids;

    private StorefrontEventId next() {
        return StorefrontEventId.of("e" + ids++);
    }

    private OrderPlacedEvent order(String id, Instant at, String total) {
        return new OrderPlacedEvent(ALICE, next(), at, OrderId.of(id), Money.of(total, "EUR"), null, null,
                List.of(new OrderLine(ProductId.of("p"), "books", 2, Money.of(total, "EUR"))), null);
    }

    private float feature(float[] f, String name) {
        return f[schema.indexOf(name)];
    }

    @Test
    void computes_recency_frequency_monetary_and_returns_as_of_a_time() {
        CustomerHistory h = new CustomerHistory();
        projector.apply(h, new CustomerRegisteredEvent(ALICE, next(), T0, null, null, null, null, "DE", null, "de",
                Map.of(ContactChannel.EMAIL, true, ContactChannel.SMS, false)));
        projector.apply(h, order("o1", T0.plus(Duration.ofDays(10)), "40.00"));
        projector.apply(h, order("o2", T0.plus(Duration.ofDays(50)), "60.00"));
        projector.apply(h, new OrderRefundedEvent(ALICE, next(), T0.plus(Duration.ofDays(55)), OrderId.of("o2"),
                Money.of("60.00", "EUR"), true, "faulty"));

        float[] f = projector.features(h, T0.plus(Duration.ofDays(60)));

        assertThat(feature(f, "days_since_last_order")).isEqualTo(10f);
        assertThat(feature(f, "tenure_days")).isEqualTo(60f);
        assertThat(feature(f, "orders_30d")).isEqualTo(1f);
        assertThat(feature(f, "orders_90d")).isEqualTo(2f);
        assertThat(feature(f, "revenue_90d")).isEqualTo(100f);
        assertThat(feature(f, "mean_days_between_orders")).isEqualTo(40f);
        assertThat(feature(f, "returns_30d")).isEqualTo(1f);
        assertThat(feature(f, "return_rate_365d")).isEqualTo(0.5f);
        assertThat(feature(f, "units_per_order_lifetime")).isEqualTo(2f);
        assertThat(feature(f, "marketing_consents")).isEqualTo(1f);
        assertThat(feature(f, "days_since_last_session")).isNaN();
        assertThat(feature(f, "account_closed")).isZero();
    }

    @Test
    void an_account_is_closed_from_its_closure_until_a_registration_reopens_it() throws Exception {
        CustomerHistory h = new CustomerHistory();
        assertThat(h.closed()).isFalse();
        projector.apply(h, new CustomerRegisteredEvent(ALICE, next(), T0, null, null, null, null, "DE", null, "de", null));
        assertThat(h.closed()).isFalse();
        projector.apply(h, new AccountClosedEvent(ALICE, next(), T0.plus(Duration.ofDays(20)), "moving abroad"));
        assertThat(h.closed()).isTrue();
        projector.apply(h, new CustomerRegisteredEvent(ALICE, next(), T0.plus(Duration.ofDays(40)), null, null, null,
                null, "DE", null, "de", null));

        assertThat(h.closed()).isFalse();
        assertThat(feature(projector.features(h, T0.plus(Duration.ofDays(10))), "account_closed")).isZero();
        assertThat(feature(projector.features(h, T0.plus(Duration.ofDays(30))), "account_closed")).isOne();
        assertThat(feature(projector.features(h, T0.plus(Duration.ofDays(50))), "account_closed")).isZero();
        projector.apply(h, new AccountClosedEvent(ALICE, next(), T0.plus(Duration.ofDays(60)), null));
        assertThat(h.closed()).isTrue();
        assertThat(feature(projector.features(h, T0.plus(Duration.ofDays(50))), "account_closed")).isZero();

        // a row stored before closures and reopenings were listed knows only the first closure, and still reopens
        ObjectMapper json = new ObjectMapper();
        CustomerHistory legacy = json.readValue("{\"closedAt\":" + T0.plus(Duration.ofDays(20)).getEpochSecond() + "}",
                CustomerHistory.class);
        assertThat(legacy.closed()).isTrue();
        projector.apply(legacy, new CustomerRegisteredEvent(ALICE, next(), T0.plus(Duration.ofDays(40)), null, null,
                null, null, "DE", null, "de", null));
        assertThat(legacy.closed()).isFalse();
        assertThat(feature(projector.features(legacy, T0.plus(Duration.ofDays(30))), "account_closed")).isOne();
    }

    @Test
    void a_customer_joins_the_churn_population_with_an_order_that_stands_and_leaves_it_with_the_account() {
        ChurnPopulation population = ChurnPopulation.of(schema);
        CustomerHistory h = new CustomerHistory();
        projector.apply(h, new CustomerRegisteredEvent(ALICE, next(), T0, null, null, null, null, "DE", null, "de", null));
        assertThat(h.hasOrdered()).isFalse();
        assertThat(ChurnPopulation.includes(h)).isFalse();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(1))))).isFalse();

        // an order cancelled the next day: in the population while it stood, not after
        projector.apply(h, order("o-1", T0.plus(Duration.ofDays(5)), "30.00"));
        projector.apply(h, new OrderCancelledEvent(ALICE, next(), T0.plus(Duration.ofDays(6)), OrderId.of("o-1"),
                "changed my mind", Money.of("30.00", "EUR")));
        assertThat(h.hasOrdered()).isFalse();
        assertThat(ChurnPopulation.includes(h)).isFalse();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofHours(5 * 24 + 12))))).isTrue();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(7))))).isFalse();

        projector.apply(h, order("o-2", T0.plus(Duration.ofDays(10)), "25.00"));
        assertThat(ChurnPopulation.includes(h)).isTrue();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(11))))).isTrue();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(8))))).isFalse();

        // orders folded into lifetime totals still count
        projector.apply(h, new SessionRecordedEvent(ALICE, next(), T0.plus(Duration.ofDays(500)), SessionId.of("s-1"),
                T0.plus(Duration.ofDays(500)).minusSeconds(600), T0.plus(Duration.ofDays(500)), 3, 1, List.of(),
                List.of()));
        assertThat(h.orders).isEmpty();
        assertThat(ChurnPopulation.includes(h)).isTrue();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(501))))).isTrue();

        projector.apply(h, new AccountClosedEvent(ALICE, next(), T0.plus(Duration.ofDays(502)), null));
        assertThat(ChurnPopulation.includes(h)).isFalse();
        assertThat(population.includes(projector.features(h, T0.plus(Duration.ofDays(503))))).isFalse();
    }

    @Test
    void an_event_after_t_never_changes_the_features_at_t() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> events = randomHistory(random, 400);
        Instant t = T0.plus(Duration.ofDays(200));
        List<Object> upToT = events.stream().filter(e -> !((CustomerEvent) e).occurredAt().isAfter(t)).toList();

        CustomerHistory onlyPast = new CustomerHistory();
        upToT.forEach(e -> projector.apply(onlyPast, e));
        CustomerHistory everything = new CustomerHistory();
        events.forEach(e -> projector.apply(everything, e));
        // sessions arrive late (condensed after the facts that followed them): still nothing after t may count
        List<Object> late = new ArrayList<>(events);
        late.sort(java.util.Comparator.comparing(e -> e instanceof SessionRecordedEvent
                ? ((CustomerEvent) e).occurredAt().plus(Duration.ofDays(3)) : ((CustomerEvent) e).occurredAt()));
        CustomerHistory outOfOrder = new CustomerHistory();
        late.forEach(e -> projector.apply(outOfOrder, e));

        float[] expected = projector.features(onlyPast, t);
        assertThat(upToT.size()).isBetween(100, 300);
        assertThat(projector.features(everything, t)).containsExactly(expected);
        assertThat(projector.features(outOfOrder, t)).containsExactly(expected);
        // the later events do change features at the end, so the check above is not vacuous
        assertThat(projector.features(everything, T0.plus(Duration.ofDays(399)))).isNotEqualTo(
                projector.features(onlyPast, T0.plus(Duration.ofDays(399))));
    }

    @Test
    void history_survives_its_json_round_trip() throws Exception {
        CustomerHistory h = new CustomerHistory();
        randomHistory(new SplittableRandom(9), 300).forEach(e -> projector.apply(h, e));
        ObjectMapper json = new ObjectMapper();
        CustomerHistory copy = json.readValue(json.writeValueAsString(h), CustomerHistory.class);
        Instant t = T0.plus(Duration.ofDays(290));
        assertThat(projector.features(copy, t)).containsExactly(projector.features(h, t));
    }

    private List<Object> randomHistory(SplittableRandom random, int days) {
        List<Object> events = new ArrayList<>();
        events.add(new CustomerRegisteredEvent(ALICE, next(), T0, null, null, null, null, "FR", null, "fr",
                Map.of(ContactChannel.EMAIL, true)));
        int orders = 0;
        int tickets = 0;
        for (int day = 1; day < days; day++) {
            Instant at = T0.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(80_000));
            double u = random.nextDouble();
            if (u < 0.25) {
                events.add(new SessionRecordedEvent(ALICE, next(), at, SessionId.of("s" + day), at.minusSeconds(600), at,
                        3, random.nextInt(6), List.of(), List.of("books")));
            } else if (u < 0.32) {
                events.add(order("o" + ++orders, at, random.nextInt(10, 200) + ".00"));
            } else if (u < 0.34 && orders > 0) {
                events.add(new OrderRefundedEvent(ALICE, next(), at, OrderId.of("o" + orders), Money.of("1.00", "EUR"),
                        true, "changed mind"));
            } else if (u < 0.36 && orders > 0) {
                events.add(new ProductReviewedEvent(ALICE, next(), at, ProductId.of("p"), OrderId.of("o" + orders),
                        1 + random.nextInt(5), null, "en"));
            } else if (u < 0.38) {
                events.add(new SupportTicketOpenedEvent(ALICE, next(), at, TicketId.of("t" + ++tickets), "delivery",
                        "email", null, "en"));
            } else if (u < 0.40 && tickets > 0) {
                events.add(new SupportTicketResolvedEvent(ALICE, next(), at, TicketId.of("t" + tickets), "solved", 4));
            } else if (u < 0.45) {
                events.add(new CustomerSignedInEvent(ALICE, next(), at, "web"));
            } else if (u < 0.47) {
                events.add(new CheckoutStartedEvent(ALICE, next(), at, "k" + day, Money.of("10.00", "EUR"), 1));
            } else if (u < 0.48) {
                events.add(new MarketingConsentChangedEvent(ALICE, next(), at, ContactChannel.SMS, random.nextBoolean()));
            } else if (u < 0.485) {
                events.add(new AccountClosedEvent(ALICE, next(), at, null));
            } else if (u < 0.49) {
                events.add(new CustomerRegisteredEvent(ALICE, next(), at, null, null, null, null, "FR", null, "fr", null));
            }
        }
        return events;
    }
}
