package com.keepwell.readmodels.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerRegisteredEvent;
import com.keepwell.domain.api.CustomerTier;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.domain.api.Money;

class CustomerSummaryTest {

    private final CustomerSummary summary = new CustomerSummary(CustomerId.of("c-1"));

    @Test
    void net_revenue_subtracts_refunds_and_what_cancellations_void_per_currency() {
        summary.orderPlaced(Money.of("100.00", "EUR"));
        summary.orderPlaced(Money.of("40.00", "EUR"));
        summary.orderPlaced(Money.of("10.00", "USD"));
        summary.refunded(Money.of("15.00", "EUR"));
        summary.orderCancelled(Money.of("25.00", "EUR"));

        var view = summary.toView();
        assertThat(view.orders()).isEqualTo(3);
        assertThat(view.cancelledOrders()).isEqualTo(1);
        assertThat(view.netRevenue()).containsOnly(
                Map.entry("EUR", new BigDecimal("100.00")), Map.entry("USD", new BigDecimal("10.00")));
    }

    @Test
    void activity_window_follows_storefront_time_not_arrival_order() {
        summary.seenAt(Instant.parse("2026-03-05T00:00:00Z"));
        summary.seenAt(Instant.parse("2026-03-01T00:00:00Z"));
        summary.seenAt(Instant.parse("2026-03-03T00:00:00Z"));

        assertThat(summary.toView().firstSeenAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(summary.toView().lastActivityAt()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    }

    @Test
    void consent_starts_from_registration_and_follows_changes() {
        summary.registered(new CustomerRegisteredEvent(CustomerId.of("c-1"), StorefrontEventId.of("e-1"),
                Instant.parse("2026-03-01T00:00:00Z"), "ada@example.com", "Ada Lovelace", null, null, "DE",
                "Europe/Berlin", "de", Map.of(ContactChannel.EMAIL, true, ContactChannel.SMS, false)));
        summary.consentChanged(ContactChannel.EMAIL, false);

        assertThat(summary.toView().marketingConsent())
                .containsOnly(Map.entry(ContactChannel.EMAIL, false), Map.entry(ContactChannel.SMS, false));
        assertThat(summary.toView().registered()).isTrue();
        assertThat(summary.toView().country()).isEqualTo("DE");
        assertThat(summary.toView().fullName()).isEqualTo("Ada Lovelace");
        assertThat(summary.toView().timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void tier_follows_lifetime_value_down_as_well_as_up() {
        summary.orderPlaced(Money.of("350.00", "EUR"));
        summary.orderPlaced(Money.of("60.00", "EUR"));
        assertThat(summary.toView().tier()).isEqualTo(CustomerTier.GOLD);
        assertThat(summary.toView().lifetimeValue()).isEqualByComparingTo("410.00");

        summary.refunded(Money.of("60.00", "EUR"));
        assertThat(summary.toView().tier()).isEqualTo(CustomerTier.SILVER);
    }

    @Test
    void open_tickets_never_go_negative() {
        summary.ticketOpened();
        summary.ticketResolved();
        summary.ticketResolved();

        assertThat(summary.toView().openTickets()).isZero();
    }

    @Test
    void shows_the_open_offer_until_its_case_ends() {
        var offer = new com.keepwell.domain.api.OfferDispatchedEvent(CustomerId.of("c-1"),
                com.keepwell.domain.api.RetentionCaseId.of("case-1"), com.keepwell.domain.api.OfferId.of("offer-1"),
                com.keepwell.domain.api.RuleId.of("rule-1"), 1, com.keepwell.domain.api.Incentive.percentOff("10"),
                ContactChannel.EMAIL, "10% off", "KEEP-1", Instant.parse("2026-03-15T00:00:00Z"),
                Money.of("5.00", "EUR"), Instant.parse("2026-03-01T00:00:00Z"));
        summary.offerDispatched(offer);
        var view = summary.toView();
        assertThat(view.offersReceived()).isEqualTo(1);
        assertThat(view.openOffer().offerId().value()).isEqualTo("offer-1");
        assertThat(view.openOffer().couponCode()).isEqualTo("KEEP-1");

        summary.retentionOutcome(new com.keepwell.domain.api.RetentionOutcomeRecordedEvent(CustomerId.of("c-1"),
                com.keepwell.domain.api.RetentionCaseId.of("case-1"), com.keepwell.domain.api.OfferId.of("offer-1"),
                com.keepwell.domain.api.RuleId.of("rule-1"), com.keepwell.domain.api.RetentionGroup.TREATMENT,
                com.keepwell.domain.api.RiskBand.HIGH, com.keepwell.domain.api.RetentionOutcome.REDEEMED, true,
                Money.of("5.00", "EUR"), "o-2", Instant.parse("2026-03-03T00:00:00Z")));
        assertThat(summary.toView().openOffer()).isNull();
        assertThat(summary.toView().offersReceived()).isEqualTo(1);
        assertThat(summary.toView().lastRetentionOutcome()).isEqualTo(com.keepwell.domain.api.RetentionOutcome.REDEEMED);
    }
}
