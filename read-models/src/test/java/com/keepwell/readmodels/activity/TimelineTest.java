package com.keepwell.readmodels.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;

class TimelineTest {

    private static final CustomerId CUSTOMER = CustomerId.of("c-1");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void a_days_sessions_become_one_line_that_counts_them() {
        TimelineEntry day = TimelineEntry.sessionsOf(CUSTOMER, T);
        day.addSession(T, 5, 2);
        day.addSession(T.plusSeconds(3600), 2, 1);

        var view = day.toView();
        assertThat(view.kind()).isEqualTo(TimelineKind.SESSIONS);
        assertThat(view.title()).isEqualTo("2 sessions · 7 page views · 3 product views");
        assertThat(view.occurredAt()).isEqualTo(T.plusSeconds(3600));
        assertThat(TimelineEntry.dayOf(Instant.parse("2026-03-01T23:59:59Z"))).isEqualTo(TimelineEntry.dayOf(T));
    }

    @Test
    void an_order_reads_with_amount_items_and_coupon() {
        var order = new OrderPlacedEvent(CUSTOMER, StorefrontEventId.of("e-1"), T, OrderId.of("o-7"),
                Money.of("59.9", "EUR"), Money.of("5", "EUR"), "KEEP-1",
                List.of(new OrderLine(ProductId.of("p-1"), "books", 2, Money.of("20", "EUR")),
                        new OrderLine(ProductId.of("p-2"), "toys", 1, Money.of("24.9", "EUR"))), null);

        var view = Timeline.of(order).toView();
        assertThat(view.title()).isEqualTo("Order o-7: 59.90 EUR, 3 items");
        assertThat(view.detail()).isEqualTo("coupon KEEP-1, 5.00 EUR off");
    }

    @Test
    void a_case_waiting_for_budget_says_when_it_is_decided_again_and_why() {
        var deferred = new RetentionCaseDeferredEvent(CUSTOMER, RetentionCaseId.of("case-1"), RiskBand.HIGH,
                OfferRefusal.BUDGET_EXHAUSTED, "today's budget spent for Win-back, Coupon", T.plusSeconds(50_400), T);

        var view = Timeline.of(deferred).toView();
        assertThat(view.kind()).isEqualTo(TimelineKind.RETENTION);
        assertThat(view.occurredAt()).isEqualTo(T);
        assertThat(view.title()).isEqualTo("Retention case waiting for budget: decided again on 2026-03-02");
        assertThat(view.detail()).isEqualTo("risk HIGH · today's budget spent for Win-back, Coupon");
    }

    @Test
    void a_review_keeps_its_rating_and_text() {
        var review = new ProductReviewedEvent(CUSTOMER, StorefrontEventId.of("e-2"), T, ProductId.of("p-1"),
                OrderId.of("o-7"), 2, "Arrived broken, nobody answers.", "en");

        var view = Timeline.of(review).toView();
        assertThat(view.title()).isEqualTo("Review 2/5 of p-1");
        assertThat(view.detail()).isEqualTo("Arrived broken, nobody answers.");
    }

    @Test
    void risk_makes_a_line_only_when_the_band_changes_and_says_which_way() {
        var rose = assessment(0.81, RiskBand.HIGH, RiskBand.MEDIUM);
        var same = assessment(0.83, RiskBand.HIGH, RiskBand.HIGH);
        var fell = assessment(0.2, RiskBand.LOW, RiskBand.HIGH);

        assertThat(Timeline.bandChanged(rose)).isTrue();
        assertThat(Timeline.bandChanged(same)).isFalse();
        assertThat(Timeline.of(rose).toView().title()).isEqualTo("Risk rose to HIGH (81 %)");
        assertThat(Timeline.of(rose).toView().detail()).isEqualTo("no order for 74 days");
        assertThat(Timeline.of(fell).toView().title()).isEqualTo("Risk fell to LOW (20 %)");
        assertThat(Timeline.of(assessment(0.5, RiskBand.MEDIUM, null)).toView().title())
                .isEqualTo("Risk first assessed: MEDIUM (50 %)");
    }

    @Test
    void offers_and_outcomes_read_in_words() {
        var offer = new OfferDispatchedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), 3, Incentive.percentOff("15"), ContactChannel.EMAIL, "15% off your next order",
                "KEEP-9", Instant.parse("2026-03-15T00:00:00Z"), Money.of("4", "EUR"), T);
        var outcome = new RetentionOutcomeRecordedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), RetentionGroup.TREATMENT, RiskBand.HIGH, RetentionOutcome.ORDERED_AGAIN, true,
                Money.of("4", "EUR"), "o-8", T.plusSeconds(86_400));

        assertThat(Timeline.of(offer).toView().title()).isEqualTo("Offer sent by email: 15% off");
        assertThat(Timeline.of(offer).toView().detail()).contains("coupon KEEP-9", "rule winback v3");
        assertThat(Timeline.of(outcome).toView().title()).isEqualTo("Retention case ended: ordered again (kept)");
        assertThat(Timeline.of(outcome).toView().detail()).isEqualTo("offer · cost 4.00 EUR");
    }

    @Test
    void a_case_whose_rule_was_drawn_to_explore_says_so() {
        var byValue = new RetentionGroupAssignedEvent(CUSTOMER, RetentionCaseId.of("case-1"), RuleId.of("winback"), 3,
                RetentionGroup.TREATMENT, RiskBand.HIGH, RiskScore.of(0.96), T);
        var exploring = new RetentionGroupAssignedEvent(CUSTOMER, RetentionCaseId.of("case-2"), RuleId.of("winback"),
                3, RetentionGroup.TREATMENT, RiskBand.HIGH, RiskScore.of(0.96), T, true);

        assertThat(Timeline.of(byValue).toView().title()).isEqualTo("Retention case opened: offer under rule winback");
        assertThat(Timeline.of(byValue).toView().detail()).isEqualTo("risk HIGH (96 %)");
        assertThat(Timeline.of(exploring).toView().title()).isEqualTo(Timeline.of(byValue).toView().title());
        assertThat(Timeline.of(exploring).toView().detail())
                .isEqualTo("risk HIGH (96 %); no rule was worth its cost, rule drawn at random to keep learning");
    }

    @Test
    void an_offer_held_back_without_detail_or_retry_still_reads() {
        var refused = new OfferDispatchRejectedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), OfferRefusal.NO_CONSENT, null, null, T);

        var view = Timeline.of(refused).toView();
        assertThat(view.title()).isEqualTo("Offer held back: no consent");
        assertThat(view.detail()).isNull();
    }

    @Test
    void quiet_hours_postpone_the_offer_and_a_cooldown_holds_it_back_for_the_case() {
        Instant until = Instant.parse("2026-03-02T07:00:00Z");
        var quiet = new OfferDispatchRejectedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), OfferRefusal.QUIET_HOURS, "quiet hours in Europe/Berlin (local time 23:10:00)",
                until, T);
        var cooling = new OfferDispatchRejectedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), OfferRefusal.COOLDOWN, "last offer 30 h ago, cooldown 7 days", until, T);

        assertThat(Timeline.of(quiet).toView().title()).isEqualTo("Offer postponed: quiet hours");
        assertThat(Timeline.of(quiet).toView().detail()).endsWith("dispatch retried at " + until);
        assertThat(Timeline.of(cooling).toView().title()).isEqualTo("Offer held back: cooldown");
        assertThat(Timeline.of(cooling).toView().detail())
                .endsWith("the contact policy allows an offer again from " + until)
                .doesNotContain("retried");
    }

    private static RiskAssessedEvent assessment(double score, RiskBand band, RiskBand previous) {
        return new RiskAssessedEvent(CUSTOMER, "a-" + score, RiskScore.of(score), band, previous, "m-1", "f-1",
                List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 74.0, 0.3, "no order for 74 days")),
                T, T);
    }
}
