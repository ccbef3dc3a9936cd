package com.keepwell.readmodels.activity;

import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.keepwell.domain.api.*;
import com.keepwell.readmodels.Readable;

/**
 * The words of the timeline: each event becomes the line an agent reads ({@code title}) and the particulars
 * beneath it. Sign-ins, cart and checkout steps have no line of their own: they are signals for the model, not
 * things an agent talks about, and the day's session summary already says the customer was there.
 */
final class Timeline {

    private Timeline() {
    }

    static TimelineEntry of(CustomerRegisteredEvent e) {
        return entry(e, TimelineKind.ACCOUNT, "Registered" + (e.country() == null ? "" : " (" + e.country() + ")"),
                join("language " + orDash(e.language()), "time zone " + orDash(e.timeZone()),
                        "consents " + consents(e.consents())));
    }

    static TimelineEntry of(OrderPlacedEvent e) {
        int items = e.lines() == null ? 0 : e.lines().stream().mapToInt(OrderLine::quantity).sum();
        return entry(e, TimelineKind.ORDER, "Order " + e.orderId().value() + ": " + money(e.total()) + ", "
                + plural(items, "item"), e.couponCode() == null ? null
                : "coupon " + e.couponCode() + (e.discount() == null ? "" : ", " + money(e.discount()) + " off"));
    }

    static TimelineEntry of(OrderCancelledEvent e) {
        return entry(e, TimelineKind.CANCELLATION, "Order " + e.orderId().value() + " cancelled"
                + (e.voidedAmount() == null ? "" : " (" + money(e.voidedAmount()) + " voided)"), e.reason());
    }

    static TimelineEntry of(OrderRefundedEvent e) {
        return entry(e, TimelineKind.REFUND, (e.returned() ? "Return: " : "Refund: ") + money(e.amount())
                + " on order " + e.orderId().value(), e.reason());
    }

    static TimelineEntry of(ProductReviewedEvent e) {
        return entry(e, TimelineKind.REVIEW, "Review " + e.rating() + "/5 of " + e.productId().value(), e.text());
    }

    static TimelineEntry of(SupportTicketOpenedEvent e) {
        return entry(e, TimelineKind.TICKET, "Ticket " + e.ticketId().value() + " opened"
                + (e.category() == null ? "" : ": " + words(e.category()))
                + (e.channel() == null ? "" : " (" + words(e.channel()) + ")"), e.text());
    }

    static TimelineEntry of(SupportTicketResolvedEvent e) {
        return entry(e, TimelineKind.TICKET, "Ticket " + e.ticketId().value() + " resolved"
                + (e.resolution() == null ? "" : ": " + words(e.resolution())),
                e.satisfaction() == null ? null : "satisfaction " + e.satisfaction() + "/5");
    }

    static TimelineEntry of(MarketingConsentChangedEvent e) {
        return entry(e, TimelineKind.CONSENT, "Marketing consent for " + channel(e.channel()) + " "
                + (e.granted() ? "given" : "withdrawn"), null);
    }

    static TimelineEntry of(CouponAppliedEvent e) {
        return entry(e, TimelineKind.COUPON, "Coupon " + e.couponCode() + " applied"
                + (e.discount() == null ? "" : " (" + money(e.discount()) + " off)"),
                e.orderId() == null ? null : "order " + e.orderId().value());
    }

    static TimelineEntry of(AccountClosedEvent e) {
        return entry(e, TimelineKind.ACCOUNT, "Account closed", e.reason());
    }

    /** Only changes of band make a line: a score that wobbles inside its band is in the risk chart. */
    static TimelineEntry of(RiskAssessedEvent e) {
        String move = e.previousBand() == null ? "Risk first assessed: "
                : e.band().compareTo(e.previousBand()) > 0 ? "Risk rose to " : "Risk fell to ";
        return new TimelineEntry(e.customerId(), e.featuresAsOf(), TimelineKind.RISK,
                move + e.band() + " (" + Readable.percent(e.score().value()) + ")",
                e.reasons().stream().map(RiskReason::text).collect(Collectors.joining("; ")));
    }

    static boolean bandChanged(RiskAssessedEvent e) {
        return e.previousBand() != e.band();
    }

    static TimelineEntry of(RetentionGroupAssignedEvent e) {
        return new TimelineEntry(e.customerId(), e.assignedAt(), TimelineKind.RETENTION,
                e.group() == RetentionGroup.HOLDOUT
                        ? "Retention case opened: holdout (no offer, for measuring lift)"
                        : "Retention case opened: offer under rule " + e.ruleId().value(),
                "risk " + e.band() + " (" + Readable.percent(e.score().value()) + ")"
                        + (e.exploring() ? "; no rule was worth its cost, rule drawn at random to keep learning" : ""));
    }

    static TimelineEntry of(RetentionUnservedEvent e) {
        return new TimelineEntry(e.customerId(), e.at(), TimelineKind.RETENTION,
                "Retention case without offer: " + words(e.reason().name()), e.detail());
    }

    static TimelineEntry of(RetentionCaseDeferredEvent e) {
        return new TimelineEntry(e.customerId(), e.at(), TimelineKind.RETENTION,
                "Retention case waiting for budget: decided again on " + e.retryAt().toString().substring(0, 10),
                join("risk " + e.band(), e.detail()));
    }

    static TimelineEntry of(OfferDispatchedEvent e) {
        return new TimelineEntry(e.customerId(), e.dispatchedAt(), TimelineKind.OFFER,
                "Offer sent by " + channel(e.channel()) + ": " + incentive(e.incentive()),
                join(e.message(), e.couponCode() == null ? null : "coupon " + e.couponCode(),
                        e.validUntil() == null ? null : "valid until " + e.validUntil(),
                        "rule " + e.ruleId().value() + " v" + e.ruleVersion()));
    }

    static TimelineEntry of(OfferDispatchRejectedEvent e) {
        if (e.postponed()) {
            return new TimelineEntry(e.customerId(), e.rejectedAt(), TimelineKind.OFFER,
                    "Offer postponed: " + words(e.reason().name()),
                    join(e.detail(), "dispatch retried at " + e.retryAfter()));
        }
        return new TimelineEntry(e.customerId(), e.rejectedAt(), TimelineKind.OFFER,
                "Offer held back: " + words(e.reason().name()),
                join(e.detail(), e.retryAfter() == null ? null
                        : "the contact policy allows an offer again from " + e.retryAfter()));
    }

    static TimelineEntry of(OfferFeedbackRecordedEvent e) {
        return new TimelineEntry(e.customerId(), e.occurredAt(), TimelineKind.OFFER_FEEDBACK,
                "Offer " + words(e.feedback().name()) + " (" + channel(e.channel()) + ")", null);
    }

    static TimelineEntry of(RetentionOutcomeRecordedEvent e) {
        return new TimelineEntry(e.customerId(), e.occurredAt(), TimelineKind.OUTCOME,
                "Retention case ended: " + words(e.outcome().name()) + (e.retained() ? " (kept)" : " (not kept)"),
                join(e.group() == RetentionGroup.HOLDOUT ? "holdout" : "offer",
                        e.cost() == null || e.cost().amount().signum() == 0 ? null : "cost " + money(e.cost())));
    }

    static String incentive(Incentive i) {
        return switch (i.type()) {
            case PERCENT_DISCOUNT -> i.percentOff().stripTrailingZeros().toPlainString() + "% off";
            case FIXED_COUPON -> money(i.amount()) + " coupon";
            case FREE_SHIPPING -> "free shipping";
            case LOYALTY_POINTS -> i.points() + " loyalty points";
            case SERVICE_CALL -> "a service call-back";
        };
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static TimelineEntry entry(CustomerEvent e, TimelineKind kind, String title, String detail) {
        return new TimelineEntry(e.customerId(), e.occurredAt(), kind, title, detail);
    }

    private static String money(Money m) {
        return m.amount().setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + m.currency();
    }


    private static String words(String code) {
        return code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    private static String channel(ContactChannel channel) {
        if (channel == null) {
            return "an unnamed channel";
        }
        return switch (channel) {
            case EMAIL -> "email";
            case SMS -> "SMS";
            case PUSH -> "push";
            case IN_APP -> "in-app message";
            case PHONE -> "phone";
        };
    }

    private static String consents(Map<ContactChannel, Boolean> consents) {
        if (consents == null || consents.isEmpty()) {
            return "none stated";
        }
        return consents.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(c -> c.getKey().name().toLowerCase(Locale.ROOT) + (c.getValue() ? " yes" : " no"))
                .collect(Collectors.joining(", "));
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

    private static String join(String... parts) {
        String joined = Arrays.stream(parts).filter(p -> p != null && !p.isBlank())
                .collect(Collectors.joining(" · "));
        return joined.isEmpty() ? null : joined;
    }
}
