package com.keepwell.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.storefront.*;

/**
 * One simulated customer: latent traits drawn once (visit rate, spend, base churn hazard, language, true response
 * to each offer type), a satisfaction that moves with experiences, and the customer's own random stream, so its
 * behaviour does not depend on other customers. Its future events wait in {@code pending}, ordered by time.
 */
final class SimCustomer {

    private static final String CURRENCY = "EUR";
    private static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "GB", "ES", "IT", "PL", "SE");
    private static final List<String> CATEGORIES = List.of("books", "music", "electronics", "fashion", "home",
            "toys", "sports", "beauty");
    private static final double DAY_SECONDS = 86_400;

    final int index;
    final String id;
    final Instant arrivesAt;
    final boolean chinese;
    final double sessionsPerDay;
    final double baseHazard;
    private final SimulationSettings settings;
    private final SplittableRandom random;
    private final String country;
    private final double orderValueMedian;
    private final String favouriteCategory;
    final Map<OfferType, OfferResponse> responses = new EnumMap<>(OfferType.class);

    double satisfaction;
    Instant lastOrderAt;
    Instant churnedAt;
    private double offerMultiplier = 1;
    private Instant offerEffectUntil = Instant.MIN;
    private boolean emailConsent;
    private int events;
    private int sessions;
    private int orders;
    private int tickets;
    final PriorityQueue<Step> pending = new PriorityQueue<>();
    final List<GroundTruth.Snapshot> snapshots = new ArrayList<>();

    /** Something that happens to this customer at a time: an event to emit, or an internal decision point. */
    record Step(Instant time, int order, SimEvent event, Kind kind) implements Comparable<Step> {
        enum Kind { EMIT, SESSION, CHURN }

        @Override
        public int compareTo(Step other) {
            int byTime = time.compareTo(other.time);
            return byTime != 0 ? byTime : Integer.compare(order, other.order);
        }
    }

    SimCustomer(int index, SimulationSettings settings) {
        this.index = index;
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index);
        this.id = "s" + settings.seed() + "-c" + index;
        long durationSeconds = settings.duration().toSeconds();
        double arrival = random.nextDouble() < settings.initialShare()
                ? random.nextDouble() * Math.min(7 * DAY_SECONDS, durationSeconds * 0.1)
                : random.nextDouble() * durationSeconds * 0.8;
        this.arrivesAt = settings.start().plusSeconds((long) arrival);
        this.chinese = random.nextDouble() < settings.chineseShare();
        this.country = chinese ? "CN" : COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        this.sessionsPerDay = Distributions.gamma(random, 0.9, settings.meanSessionsPerDay() / 0.9);
        this.orderValueMedian = settings.meanOrderValue() * Math.exp(0.4 * Distributions.normal(random));
        this.baseHazard = settings.baseChurnPerDay() * Math.exp(0.6 * Distributions.normal(random));
        this.favouriteCategory = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        this.satisfaction = Distributions.beta(random, 5, 2);
        for (OfferType offer : OfferType.values()) {
            responses.put(offer, drawResponse(offer));
        }
        schedule(arrivesAt, registration());
        planNextVisit(arrivesAt);
    }

    private static final OfferResponse PERSUADABLE = new OfferResponse(OfferResponse.Kind.PERSUADABLE, 0.35, 0.6);
    private static final OfferResponse SURE_THING = new OfferResponse(OfferResponse.Kind.SURE_THING, 1.0, 0.5);
    private static final OfferResponse LOST_CAUSE = new OfferResponse(OfferResponse.Kind.LOST_CAUSE, 1.0, 0.05);
    private static final OfferResponse SLEEPING_DOG = new OfferResponse(OfferResponse.Kind.SLEEPING_DOG, 1.8, 0.0);
    private static final double SURE_THING_SHARE = 0.25;
    private static final double SLEEPING_DOG_SHARE = 0.05;

    private OfferResponse drawResponse(OfferType offer) {
        double u = random.nextDouble();
        double persuadable = persuadableShare(offer);
        if (u < persuadable) {
            return PERSUADABLE;
        } else if (u < persuadable + SURE_THING_SHARE) {
            return SURE_THING;
        } else if (u < 1 - SLEEPING_DOG_SHARE) {
            return LOST_CAUSE;
        }
        return SLEEPING_DOG;
    }

    /**
     * Who an incentive can persuade depends on who the customer is, as in real shops: money off and free shipping
     * move the price-sensitive (small baskets), points move frequent visitors, a service call moves the unhappy.
     * Each trait also shows in behaviour the platform sees (basket size, visits, ratings and tone), so uplift can be
     * learned by segment, never read off directly. Averaged over customers the shares stay near 25 %.
     */
    private double persuadableShare(OfferType offer) {
        boolean priceSensitive = orderValueMedian < settings.meanOrderValue() * 0.85;
        boolean frequentVisitor = sessionsPerDay > settings.meanSessionsPerDay();
        boolean unhappy = satisfaction < 0.6;
        return switch (offer) {
            case PERCENT_DISCOUNT, FIXED_COUPON -> priceSensitive ? 0.5 : 0.1;
            case FREE_SHIPPING -> priceSensitive ? 0.45 : 0.1;
            case LOYALTY_POINTS -> frequentVisitor ? 0.45 : 0.1;
            case SERVICE_CALL -> unhappy ? 0.65 : 0.15;
        };
    }

    boolean isChurned(Instant at) {
        return churnedAt != null && !churnedAt.isAfter(at);
    }

    double hazardAt(Instant at) {
        Instant lastActivity = lastOrderAt != null ? lastOrderAt : arrivesAt;
        double inactiveDays = Math.max(0, Duration.between(lastActivity, at).toSeconds() / DAY_SECONDS);
        double multiplier = at.isBefore(offerEffectUntil) ? offerMultiplier : 1;
        return ChurnHazard.perDay(baseHazard, satisfaction, inactiveDays, multiplier);
    }

    /**
     * The true churn probability within the horizon if {@code offer} were accepted now, or with none (an earlier
     * offer's effect, if any, still in force).
     */
    double churnProbability(Instant at, OfferType offer) {
        return offer == null ? withinHorizon(hazardAt(at)) : withOfferEffect(at, responses.get(offer).hazardMultiplier());
    }

    /** The churn probability within the horizon if a new offer's effect scaled the hazard by {@code multiplier}. */
    private double withOfferEffect(Instant at, double multiplier) {
        double current = at.isBefore(offerEffectUntil) ? offerMultiplier : 1;
        return withinHorizon(hazardAt(at) / current * multiplier);
    }

    private double withinHorizon(double hazardPerDay) {
        return ChurnHazard.probabilityWithin(hazardPerDay, settings.truthHorizon().toSeconds() / DAY_SECONDS);
    }

    /**
     * The uplift of {@code offer} that the customer's traits lead one to expect before the response type is drawn:
     * each type's share (persuadable share from the traits, sure thing 25 %, sleeping dog 5 %) times its uplift.
     * The best any targeting that sees only behaviour can aim for.
     */
    private double expectedUplift(Instant at, OfferType offer, double withoutOffer) {
        double persuadable = persuadableShare(offer);
        return persuadable * (withoutOffer - withOfferEffect(at, PERSUADABLE.hazardMultiplier()))
                + SLEEPING_DOG_SHARE * (withoutOffer - withOfferEffect(at, SLEEPING_DOG.hazardMultiplier()));
    }

    void recordSnapshot(Instant at) {
        if (at.isBefore(arrivesAt)) {
            return;
        }
        int horizonDays = (int) settings.truthHorizon().toDays();
        if (isChurned(at)) {
            snapshots.add(new GroundTruth.Snapshot(at, false, satisfaction, horizonDays, 1.0, Map.of(), Map.of()));
            return;
        }
        double withoutOffer = churnProbability(at, null);
        Map<OfferType, Double> uplift = new EnumMap<>(OfferType.class);
        Map<OfferType, Double> expected = new EnumMap<>(OfferType.class);
        for (OfferType offer : OfferType.values()) {
            uplift.put(offer, withoutOffer - churnProbability(at, offer));
            expected.put(offer, expectedUplift(at, offer, withoutOffer));
        }
        snapshots.add(new GroundTruth.Snapshot(at, true, satisfaction, horizonDays, withoutOffer, uplift, expected));
    }

    GroundTruth truth() {
        Map<OfferType, OfferResponse.Kind> kinds = new EnumMap<>(OfferType.class);
        responses.forEach((offer, response) -> kinds.put(offer, response.kind()));
        return new GroundTruth(id, arrivesAt, churnedAt, baseHazard, sessionsPerDay, satisfaction, kinds,
                List.copyOf(snapshots));
    }

    /** Handles an internal step: plans a session's events and the next decision, or churns. */
    void decide(Step step) {
        if (step.kind() == Step.Kind.CHURN) {
            churnedAt = step.time();
            pending.removeIf(s -> s.time().isAfter(churnedAt));
            if (random.nextDouble() < 0.1) {
                schedule(churnedAt, event(StorefrontEventType.ACCOUNT_CLOSED, new AccountClosed(
                        random.nextBoolean() ? "found a better offer elsewhere" : "no longer needed")));
            }
            return;
        }
        session(step.time());
        planNextVisit(step.time());
    }

    /** After registration or a session: when is the next visit, or does the customer leave first? */
    void planNextVisit(Instant now) {
        double rate = sessionsPerDay * Distributions.seasonality(now) * (0.5 + satisfaction);
        double gapDays = -Math.log(1 - random.nextDouble()) / Math.max(rate, 1e-4);
        double hazard = hazardAt(now);
        double churnWithin = ChurnHazard.probabilityWithin(hazard, gapDays);
        if (random.nextDouble() < churnWithin) {
            double u = random.nextDouble() * churnWithin;
            double churnDays = -Math.log(1 - u) / hazard;
            pending.add(new Step(now.plusSeconds((long) (churnDays * DAY_SECONDS)), next(), null, Step.Kind.CHURN));
        } else {
            pending.add(new Step(now.plusSeconds((long) (gapDays * DAY_SECONDS)), next(), null, Step.Kind.SESSION));
        }
    }

    /**
     * A retention offer reached the customer at {@code at}: it acts according to the customer's true response,
     * redeeming (if at all) before the offer expires. One that arrives after it expired is not acted on.
     */
    void receiveOffer(OfferType offer, Instant at, Instant validUntil, Coupon coupon) {
        if (isChurned(at) || at.isBefore(arrivesAt) || !at.isBefore(validUntil)) {
            return;
        }
        double validityDays = Duration.between(at, validUntil).toSeconds() / DAY_SECONDS;
        OfferResponse response = responses.get(offer);
        offerMultiplier = response.hazardMultiplier();
        offerEffectUntil = validUntil.plus(Duration.ofDays(60));
        pending.removeIf(s -> s.kind() != Step.Kind.EMIT);
        if (response.kind() == OfferResponse.Kind.SLEEPING_DOG && emailConsent && random.nextDouble() < 0.3) {
            emailConsent = false;
            schedule(at.plusSeconds(3600), event(StorefrontEventType.MARKETING_CONSENT_CHANGED,
                    new MarketingConsentChanged(ContactChannel.EMAIL, false)));
        }
        if (random.nextDouble() < response.redemptionProbability()) {
            Instant redeemAt = at.plusSeconds((long) (random.nextDouble() * validityDays * DAY_SECONDS));
            order(redeemAt, coupon, null);
        }
        planNextVisit(at);
    }

    private SimEvent registration() {
        emailConsent = random.nextDouble() < 0.7;
        Map<ContactChannel, Boolean> consent = new EnumMap<>(ContactChannel.class);
        consent.put(ContactChannel.EMAIL, emailConsent);
        consent.put(ContactChannel.SMS, random.nextDouble() < 0.3);
        consent.put(ContactChannel.PUSH, random.nextDouble() < 0.4);
        return event(StorefrontEventType.CUSTOMER_REGISTERED, new CustomerRegistered(id + "@example.com",
                "Customer " + index, null, new PostalAddress(index + " Example Street", null, "Example City",
                        String.valueOf(10000 + index % 90000), null, chinese ? "CN" : country),
                country, chinese ? "Asia/Shanghai" : "Europe/Berlin", chinese ? "zh" : "en", consent));
    }

    private void session(Instant start) {
        sessions++;
        String sessionId = id + "-s" + sessions;
        Instant t = start;
        if (random.nextDouble() < 0.3) {
            schedule(t, event(StorefrontEventType.CUSTOMER_SIGNED_IN, new CustomerSignedIn(
                    random.nextBoolean() ? "web" : "app")));
        }
        int pageViews = 1 + Distributions.geometric(random, 0.35);
        for (int i = 0; i < pageViews; i++) {
            t = t.plusSeconds(5 + random.nextInt(60));
            schedule(t, event(StorefrontEventType.PAGE_VIEWED, new PageViewed(sessionId, "category", "/c/" + category())));
        }
        int productViews = Distributions.poisson(random, 1.5 + satisfaction);
        String lastProduct = null;
        for (int i = 0; i < productViews; i++) {
            t = t.plusSeconds(10 + random.nextInt(120));
            lastProduct = "p-" + category() + "-" + random.nextInt(500);
            schedule(t, event(StorefrontEventType.PRODUCT_VIEWED, new ProductViewed(sessionId, lastProduct, category(),
                    price())));
        }
        if (lastProduct != null && random.nextDouble() < 0.35) {
            t = t.plusSeconds(20 + random.nextInt(60));
            BigDecimal price = price();
            schedule(t, event(StorefrontEventType.PRODUCT_ADDED, new ProductAdded(lastProduct, category(), 1, price,
                    CURRENCY)));
            if (random.nextDouble() < 0.15) {
                t = t.plusSeconds(30);
                schedule(t, event(StorefrontEventType.PRODUCT_REMOVED, new ProductRemoved(lastProduct, category(), 1,
                        price, CURRENCY)));
            } else if (random.nextDouble() < 0.55) {
                t = t.plusSeconds(30 + random.nextInt(120));
                schedule(t, event(StorefrontEventType.CHECKOUT_STARTED, new CheckoutStarted(
                        sessionId + "-chk", price, CURRENCY, 1)));
                if (random.nextDouble() < 0.75) {
                    order(t.plusSeconds(60 + random.nextInt(240)), random.nextDouble() < 0.08 ? Coupon.WELCOME : null,
                            lastProduct);
                }
            }
        }
        if (random.nextDouble() < 0.004) {
            emailConsent = !emailConsent;
            schedule(t.plusSeconds(15), event(StorefrontEventType.MARKETING_CONSENT_CHANGED,
                    new MarketingConsentChanged(ContactChannel.EMAIL, emailConsent)));
        }
        t = t.plusSeconds(30);
        if (random.nextDouble() < 0.5) {
            schedule(t, event(StorefrontEventType.SESSION_ENDED, new SessionEnded(sessionId)));
        }
    }

    private void order(Instant at, Coupon coupon, String productId) {
        orders++;
        String orderId = id + "-o" + orders;
        BigDecimal gross = BigDecimal.valueOf(orderValueMedian * Math.exp(0.5 * Distributions.normal(random)))
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal discount = coupon == null ? BigDecimal.ZERO : coupon.discountOn(gross);
        BigDecimal total = gross.subtract(discount);
        String product = productId != null ? productId : "p-" + favouriteCategory + "-" + random.nextInt(500);
        if (coupon != null) {
            schedule(at.minusSeconds(20), event(StorefrontEventType.COUPON_APPLIED,
                    new CouponApplied(coupon.code(), orderId, discount, CURRENCY)));
        }
        schedule(at, event(StorefrontEventType.ORDER_COMPLETED, new OrderCompleted(orderId, total, discount, CURRENCY,
                coupon == null ? null : coupon.code(),
                List.of(new OrderCompleted.Product(product, favouriteCategory, 1, gross)), null)));
        lastOrderAt = at;
        if (random.nextDouble() < 0.03) {
            satisfaction = clamp(satisfaction - 0.05);
            schedule(at.plus(Duration.ofHours(1 + random.nextInt(20))), event(StorefrontEventType.ORDER_CANCELLED,
                    new OrderCancelled(orderId, random.nextBoolean() ? "changed my mind" : "out of stock")));
            return;
        }
        experience(at, orderId, total, product);
    }

    /** What happens after an order: delivery, product quality, a review, maybe a ticket. Moves satisfaction. */
    private void experience(Instant orderedAt, String orderId, BigDecimal total, String product) {
        boolean late = random.nextDouble() < 0.10;
        boolean faulty = random.nextDouble() < 0.06;
        if (late) {
            satisfaction = clamp(satisfaction - 0.08);
        }
        if (faulty) {
            satisfaction = clamp(satisfaction - 0.15);
            if (total.signum() > 0 && random.nextDouble() < 0.7) {
                schedule(orderedAt.plus(Duration.ofDays(3 + random.nextInt(8))), event(StorefrontEventType.ORDER_REFUNDED,
                        new OrderRefunded(orderId, total, CURRENCY, true, "faulty product")));
            }
        }
        if (!late && !faulty) {
            satisfaction = clamp(satisfaction + 0.02);
        }
        if ((late || faulty) && random.nextDouble() < 0.5) {
            tickets++;
            String ticketId = id + "-t" + tickets;
            Instant opened = orderedAt.plus(Duration.ofDays(2 + random.nextInt(5)));
            schedule(opened, event(StorefrontEventType.SUPPORT_TICKET_OPENED, new SupportTicketOpened(ticketId,
                    late ? "delivery" : "product", "email", CustomerTexts.ticket(chinese, random), language())));
            boolean resolved = random.nextDouble() < 0.75;
            satisfaction = clamp(satisfaction + (resolved ? 0.05 : -0.12));
            schedule(opened.plus(Duration.ofHours(4 + random.nextInt(72))), event(
                    StorefrontEventType.SUPPORT_TICKET_RESOLVED, new SupportTicketResolved(ticketId,
                            resolved ? "RESOLVED" : "UNRESOLVED", resolved ? 4 + random.nextInt(2) : 1 + random.nextInt(2))));
        }
        if (random.nextDouble() < (late || faulty ? 0.35 : 0.12)) {
            int rating = (int) Math.round(Math.max(1, Math.min(5, 1 + 4 * satisfaction + 0.6 * Distributions.normal(random)
                    - (faulty ? 1.5 : 0) - (late ? 0.7 : 0))));
            schedule(orderedAt.plus(Duration.ofDays(4 + random.nextInt(10))), event(StorefrontEventType.PRODUCT_REVIEWED,
                    new ProductReviewed(product, orderId, rating,
                            CustomerTexts.review(CustomerTexts.toneOf(rating), chinese, random), language())));
        }
    }

    private String language() {
        return chinese ? "zh" : "en";
    }

    private String category() {
        return random.nextDouble() < 0.6 ? favouriteCategory : CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(orderValueMedian * Math.exp(0.5 * Distributions.normal(random)))
                .setScale(2, RoundingMode.HALF_UP);
    }

    private SimEvent event(StorefrontEventType type, Object data) {
        events++;
        return new SimEvent(id + "-e" + events, null, id, type, data);
    }

    private void schedule(Instant at, SimEvent event) {
        pending.add(new Step(at, next(), new SimEvent(event.id(), at, id, event.type(), event.data()), Step.Kind.EMIT));
    }

    private int stepCounter;

    private int next() {
        return stepCounter++;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
