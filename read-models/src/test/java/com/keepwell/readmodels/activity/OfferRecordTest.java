package com.keepwell.readmodels.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.*;

class OfferRecordTest {

    private static final CustomerId CUSTOMER = CustomerId.of("c-1");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final OfferRecord offer = new OfferRecord(new OfferDispatchedEvent(CUSTOMER, RetentionCaseId.of("case-1"),
            OfferId.of("offer-1"), RuleId.of("winback"), 2, Incentive.of(IncentiveType.FREE_SHIPPING),
            ContactChannel.PUSH, "Free shipping", null, T.plusSeconds(14 * 86_400), Money.of("4.5", "EUR"), T));

    @Test
    void the_latest_channel_report_wins_whatever_order_they_arrive_in() {
        offer.feedback(feedback(OfferFeedback.OPENED, T.plusSeconds(600)));
        offer.feedback(feedback(OfferFeedback.DELIVERED, T.plusSeconds(60)));

        assertThat(offer.toView().lastFeedback()).isEqualTo(OfferFeedback.OPENED);
        assertThat(offer.toView().lastFeedbackAt()).isEqualTo(T.plusSeconds(600));
    }

    @Test
    void open_until_the_case_ends_then_shows_outcome_and_cost() {
        assertThat(offer.toView().outcome()).isNull();

        offer.ended(new RetentionOutcomeRecordedEvent(CUSTOMER, RetentionCaseId.of("case-1"), OfferId.of("offer-1"),
                RuleId.of("winback"), RetentionGroup.TREATMENT, RiskBand.HIGH, RetentionOutcome.EXPIRED, false,
                Money.of("0", "EUR"), "deadline", T.plusSeconds(15 * 86_400)));

        var view = offer.toView();
        assertThat(view.outcome()).isEqualTo(RetentionOutcome.EXPIRED);
        assertThat(view.outcomeAt()).isEqualTo(T.plusSeconds(15 * 86_400));
        assertThat(view.cost().amount()).isEqualByComparingTo("0");
        assertThat(view.ruleVersion()).isEqualTo(2);
        assertThat(view.channel()).isEqualTo(ContactChannel.PUSH);
    }

    private static OfferFeedbackRecordedEvent feedback(OfferFeedback kind, Instant at) {
        return new OfferFeedbackRecordedEvent(CUSTOMER, OfferId.of("offer-1"), "fb-" + kind, ContactChannel.PUSH, kind,
                at);
    }
}
