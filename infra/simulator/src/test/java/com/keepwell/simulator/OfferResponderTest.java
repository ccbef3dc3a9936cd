package com.keepwell.simulator;

import static org.assertj.core.api.Assertions.assertThat;

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
                "data", Map.of("offerId", offerId, "incentive", incentive, "channel", "EMAIL",
                        "couponCode", "KEEP-" + offerId, "validUntil", time.plus(Duration.ofDays(14)).toString())))
                .toString();
    }

    @Test
    void persuadables_get_the_offer_and_redeem_its_coupon_and_feedback_follows_their_response() {
        StorefrontSimulator simulator = new StorefrontSimulator(
                SimulationSettings.defaults(31, 3000, START, Duration.ofDays(120)));
        while (simulator.clock().isBefore(START.plus(Duration.ofDays(20)))) {
            simulator.next();
        }
        List<String> persuadable = IntStream.range(0, 3000).mapToObj(i -> "s31-c" + i)
                .filter(id -> simulator.responseOf(id, OfferType.FIXED_COUPON) == OfferResponse.Kind.PERSUADABLE)
                .toList();
        List<String> lostCauses = IntStream.range(0, 3000).mapToObj(i -> "s31-c" + i)
                .filter(id -> simulator.responseOf(id, OfferType.FIXED_COUPON) == OfferResponse.Kind.LOST_CAUSE)
                .toList();
        List<List<OfferResponder.Feedback>> persuadableFeedback = new ArrayList<>();
        List<List<OfferResponder.Feedback>> lostCauseFeedback = new ArrayList<>();
        try (OfferResponder responder = new OfferResponder(simulator, "localhost:1")) {
            persuadable.forEach(id -> persuadableFeedback.add(
                    responder.respond(offer("o-" + id, id, "FIXED_COUPON", simulator.clock()))));
            lostCauses.forEach(id -> lostCauseFeedback.add(
                    responder.respond(offer("o-" + id, id, "FIXED_COUPON", simulator.clock()))));
        }
        long redeemed = 0;
        while (simulator.hasNext()) {
            SimEvent event = simulator.next();
            if (event.type() == StorefrontEventType.COUPON_APPLIED
                    && ((CouponApplied) event.data()).couponCode().equals("KEEP-o-" + event.customerId())) {
                redeemed++;
            }
        }

        assertThat(redeemed).isGreaterThan(persuadable.size() / 3);
        assertThat(share(persuadableFeedback, "clicked")).isGreaterThan(share(lostCauseFeedback, "clicked") + 0.2);
        assertThat(share(persuadableFeedback, "delivered") + share(persuadableFeedback, "bounced")).isEqualTo(1.0);
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
