package com.keepwell.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.storefront.CouponApplied;
import com.keepwell.domain.storefront.StorefrontEventType;

class OfferResponderTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static String offer(String offerId, String customer, String incentive, Instant time) {
        return CloudEvents.JSON.valueToTree(Map.of(
                "specversion", "1.0", "id", offerId, "source", "/retention", "type", "retention.offer.dispatched",
                "time", time.toString(), "subject", customer,
                "data", Map.of("offerId", offerId, "incentive", incentive, "amount", 10, "currency", "EUR",
                        "channel", "EMAIL", "couponCode", "KEEP-" + offerId,
                        "validUntil", time.plus(Duration.ofDays(14)).toString())))
                .toString();
    }

    /** The simulation run to {@code days} after its start. */
    private static StorefrontSimulator simulatedFor(int days) {
        StorefrontSimulator simulator = new StorefrontSimulator(
                SimulationSettings.defaults(31, 3000, START, Duration.ofDays(120)));
        while (simulator.clock().isBefore(START.plus(Duration.ofDays(days)))) {
            simulator.next();
        }
        return simulator;
    }

    private static List<String> persuadable(StorefrontSimulator simulator) {
        return IntStream.range(0, 3000).mapToObj(i -> "s31-c" + i)
                .filter(id -> simulator.responseOf(id, OfferType.FIXED_COUPON) == OfferResponse.Kind.PERSUADABLE)
                .toList();
    }

    /** The redemptions of the offers "o-" + customer, to the end of the simulation. */
    private static List<SimEvent> redemptions(StorefrontSimulator simulator) {
        List<SimEvent> redeemed = new ArrayList<>();
        while (simulator.hasNext()) {
            SimEvent event = simulator.next();
            if (event.type() == StorefrontEventType.COUPON_APPLIED
                    && ((CouponApplied) event.data()).couponCode().equals("KEEP-o-" + event.customerId())) {
                redeemed.add(event);
            }
        }
        return redeemed;
    }

    @Test
    void persuadables_get_the_offer_and_redeem_its_coupon_and_feedback_follows_their_response() {
        StorefrontSimulator simulator = simulatedFor(20);
        Instant sentAt = simulator.clock();
        List<String> persuadable = persuadable(simulator);
        List<String> lostCauses = IntStream.range(0, 3000).mapToObj(i -> "s31-c" + i)
                .filter(id -> simulator.responseOf(id, OfferType.FIXED_COUPON) == OfferResponse.Kind.LOST_CAUSE)
                .toList();
        List<List<OfferResponder.Feedback>> persuadableFeedback = new ArrayList<>();
        List<List<OfferResponder.Feedback>> lostCauseFeedback = new ArrayList<>();
        try (OfferResponder responder = new OfferResponder(simulator, "localhost:1")) {
            persuadable.forEach(id -> persuadableFeedback.add(
                    responder.respond(offer("o-" + id, id, "FIXED_COUPON", sentAt))));
            lostCauses.forEach(id -> lostCauseFeedback.add(
                    responder.respond(offer("o-" + id, id, "FIXED_COUPON", sentAt))));
        }
        List<SimEvent> redeemed = redemptions(simulator);

        assertThat(redeemed).hasSizeGreaterThan(persuadable.size() / 3);
        // inside the offer's validity, and the discount is the offer's: 10 EUR off (all of a smaller order)
        assertThat(redeemed).allSatisfy(e -> {
            assertThat(e.time()).isAfter(sentAt).isBefore(sentAt.plus(Duration.ofDays(14)));
            assertThat(((CouponApplied) e.data()).discount()).isLessThanOrEqualTo(new BigDecimal("10"));
        });
        assertThat(redeemed).anySatisfy(e -> assertThat(((CouponApplied) e.data()).discount())
                .isEqualByComparingTo("10"));
        assertThat(share(persuadableFeedback, "clicked")).isGreaterThan(share(lostCauseFeedback, "clicked") + 0.2);
        assertThat(share(persuadableFeedback, "delivered") + share(persuadableFeedback, "bounced")).isEqualTo(1.0);
    }

    @Test
    void an_offer_that_reaches_its_customer_late_is_redeemed_only_in_what_is_left_of_its_validity() {
        StorefrontSimulator simulator = simulatedFor(40);
        Instant present = simulator.clock();
        List<String> persuadable = persuadable(simulator);
        List<String> expired = persuadable.subList(0, persuadable.size() / 2);
        List<String> late = persuadable.subList(persuadable.size() / 2, persuadable.size());
        try (OfferResponder responder = new OfferResponder(simulator, "localhost:1")) {
            // sent 20 days before the simulation's present, valid for 14: it expired before it arrived
            expired.forEach(id -> responder.respond(offer("o-" + id, id, "FIXED_COUPON",
                    present.minus(Duration.ofDays(20)))));
            // sent 10 days before: 4 days left
            late.forEach(id -> responder.respond(offer("o-" + id, id, "FIXED_COUPON",
                    present.minus(Duration.ofDays(10)))));
        }
        List<SimEvent> redeemed = redemptions(simulator);

        assertThat(redeemed).isNotEmpty().allSatisfy(e -> {
            assertThat(late).contains(e.customerId());
            assertThat(e.time()).isAfterOrEqualTo(present).isBefore(present.plus(Duration.ofDays(4)));
        });
    }

    @Test
    void offers_for_unknown_customers_or_incentives_are_ignored() {
        StorefrontSimulator simulator = new StorefrontSimulator(
                SimulationSettings.defaults(31, 10, START, Duration.ofDays(10)));
        try (OfferResponder responder = new OfferResponder(simulator, "localhost:1")) {
            assertThat(responder.respond(offer("o-1", "nobody", "FIXED_COUPON", START))).isEmpty();
            assertThat(responder.respond(offer("o-2", "s31-c1", "GOLD_BARS", START))).isEmpty();
            assertThat(responder.respond("{not json")).isEmpty();
        }
    }

    private static double share(List<List<OfferResponder.Feedback>> feedback, String outcome) {
        return feedback.stream().filter(f -> f.stream().anyMatch(r -> r.outcome().equals(outcome))).count()
                / (double) feedback.size();
    }
}
