package com.keepwell.scoring.features;

import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;

import com.keepwell.domain.api.*;
import com.keepwell.scoring.features.CustomerHistory.Order;
import com.keepwell.scoring.features.CustomerHistory.Review;
import com.keepwell.scoring.features.CustomerHistory.Ticket;

/**
 * Folds a customer's domain events into a {@link CustomerHistory} and computes the {@link FeatureSchema#V1}
 * vector as of any time t. The one code path for features: the online processor and the offline training-set
 * builder both call it. Nothing that happened after t counts at t, whatever order the events arrived in, because
 * every remembered fact keeps its own time and {@link #features} filters on it. Missing values are NaN: the tree
 * model routes them along its learned default branch.
 */
public final class FeatureProjector {

    private static final double DAY = 86_400;
    private final FeatureSchema schema = FeatureSchema.V1;
    private final TextSignals text;

    public FeatureProjector(TextSignals text) {
        this.text = text;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Applies one event; returns whether it can change the customer's features (events that do not are ignored). */
    public boolean apply(CustomerHistory h, Object event) {
        if (!(event instanceof CustomerEvent e)) {
            return false;
        }
        long at = e.occurredAt().getEpochSecond();
        if (e instanceof CustomerRegisteredEvent r) {
            if (h.closedAsOf(at)) {
                h.accountChanges.add(new CustomerHistory.AccountChange(at, false)); // registered again: reopened
            }
            h.country = r.country();
            if (r.consents() != null) {
                r.consents().forEach((channel, granted) -> h.consents.add(new CustomerHistory.Consent(at, channel, granted)));
            }
        } else if (e instanceof MarketingConsentChangedEvent c) {
            h.consents.add(new CustomerHistory.Consent(at, c.channel(), c.granted()));
        } else if (e instanceof OrderPlacedEvent o) {
            if (h.orders.stream().anyMatch(x -> x.orderId().equals(o.orderId().value()))) {
                return false;
            }
            boolean discounted = o.couponCode() != null || (o.discount() != null && o.discount().amount().signum() > 0);
            int units = o.lines() == null ? 0 : o.lines().stream().mapToInt(OrderLine::quantity).sum();
            h.orders.add(new Order(at, o.orderId().value(), o.total().amount().doubleValue(), units, discounted,
                    Long.MAX_VALUE, Long.MAX_VALUE));
            if (h.country == null && o.shippingAddress() != null) {
                h.country = o.shippingAddress().country();
            }
        } else if (e instanceof OrderCancelledEvent c) {
            updateOrder(h, c.orderId(), o -> o.cancelled(at));
        } else if (e instanceof OrderRefundedEvent r) {
            if (!r.returned()) {
                return false;
            }
            updateOrder(h, r.orderId(), o -> o.returned(at));
        } else if (e instanceof CouponAppliedEvent c) {
            if (c.orderId() == null) {
                return false;
            }
            updateOrder(h, c.orderId(), Order::withDiscount);
        } else if (e instanceof SessionRecordedEvent s) {
            h.sessions.add(new CustomerHistory.Session(at, s.productViews()));
        } else if (e instanceof ProductAddedToCartEvent) {
            h.cartAdds.add(at);
        } else if (e instanceof CheckoutStartedEvent) {
            h.checkouts.add(at);
        } else if (e instanceof CustomerSignedInEvent) {
            h.signIns.add(at);
        } else if (e instanceof ProductReviewedEvent r) {
            h.reviews.add(new Review(at, r.rating(), text.negativeTone(r.text(), r.language())));
        } else if (e instanceof SupportTicketOpenedEvent k) {
            if (h.tickets.stream().anyMatch(x -> x.ticketId().equals(k.ticketId().value()))) {
                return false;
            }
            h.tickets.add(new Ticket(at, k.ticketId().value(), Long.MAX_VALUE, Double.NaN,
                    text.negativeTone(k.text(), k.language())));
        } else if (e instanceof SupportTicketResolvedEvent k) {
            double satisfaction = k.satisfaction() == null ? Double.NaN : k.satisfaction();
            h.tickets.replaceAll(x -> x.ticketId().equals(k.ticketId().value()) ? x.resolved(at, satisfaction) : x);
        } else if (e instanceof AccountClosedEvent) {
            h.closedAt = Math.min(h.closedAt, at);
            h.accountChanges.add(new CustomerHistory.AccountChange(at, true));
        } else {
            // cart removals say little on their own; abandonment is measured from checkouts and orders
            return false;
        }
        h.seen(at);
        return true;
    }

    private static void updateOrder(CustomerHistory h, OrderId id, java.util.function.UnaryOperator<Order> change) {
        h.orders.replaceAll(o -> o.orderId().equals(id.value()) ? change.apply(o) : o);
    }

    /** The feature vector as of {@code asOf}, in {@link FeatureSchema#V1} order. */
    public float[] features(CustomerHistory h, Instant asOf) {
        long t = asOf.getEpochSecond();
        float[] f = new float[schema.size()];
        int i = 0;

        List<Order> placed = h.orders.stream().filter(o -> o.at() <= t).toList();
        List<Order> kept = placed.stream().filter(o -> o.cancelledAt() > t).toList();
        long lastOrder = Math.max(max(kept, Order::at), h.prunedLastOrder);
        long firstOrder = Math.min(min(kept, Order::at), h.prunedFirstOrder);
        long ordersLifetime = kept.size() + h.prunedOrders;
        long firstSeen = h.firstSeen;

        f[i++] = lastOrder == Long.MIN_VALUE ? Float.NaN : days(t - lastOrder);
        f[i++] = firstSeen > t ? 0 : days(t - firstSeen);
        f[i++] = count(kept, Order::at, within(t, 7));
        f[i++] = count(kept, Order::at, within(t, 30));
        f[i++] = count(kept, Order::at, within(t, 90));
        long orders365 = count(kept, Order::at, within(t, 365));
        f[i++] = orders365;
        f[i++] = ordersLifetime;
        // shopping occasions: several orders on one day (a forgotten item, split baskets) are one visit
        long orderDays = kept.stream().mapToLong(o -> Math.floorDiv(o.at(), 86_400L)).distinct().count() + h.prunedOrders;
        f[i++] = orderDays;
        f[i++] = (float) sum(kept, within(t, 30));
        f[i++] = (float) sum(kept, within(t, 90));
        double revenue365 = sum(kept, within(t, 365));
        f[i++] = (float) revenue365;
        f[i++] = (float) (sum(kept, a -> a <= t) + h.prunedRevenue);
        f[i++] = orders365 == 0 ? Float.NaN : (float) (revenue365 / orders365);
        float meanGap = orderDays < 2 ? Float.NaN : days(lastOrder - firstOrder) / (orderDays - 1);
        f[i++] = meanGap;
        f[i++] = firstOrder == Long.MAX_VALUE ? Float.NaN : days(t - firstOrder);
        // how overdue the next order is, in this customer's own rhythm (the intuition behind BG/NBD)
        f[i++] = Float.isNaN(meanGap) || meanGap <= 0 ? Float.NaN : days(t - lastOrder) / meanGap;
        // the share of the customer's life with us that still saw orders: 1 = ordering until now, near 0 = long silent
        f[i++] = firstOrder == Long.MAX_VALUE || t <= firstOrder ? Float.NaN
                : (float) (lastOrder - firstOrder) / (t - firstOrder);
        double revenueLifetime = sum(kept, a -> a <= t) + h.prunedRevenue;
        f[i++] = ordersLifetime == 0 ? Float.NaN : (float) (revenueLifetime / ordersLifetime);
        long units = kept.stream().mapToLong(Order::units).sum() + h.prunedUnits;
        f[i++] = ordersLifetime == 0 ? Float.NaN : (float) units / ordersLifetime;
        f[i++] = units == 0 ? Float.NaN : (float) (revenueLifetime / units);
        f[i++] = count(kept, Order::at, within(t, 30)) - count(kept, Order::at, between(t, 30, 120)) / 3f;

        List<CustomerHistory.Session> sessions = h.sessions.stream().filter(s -> s.at() <= t).toList();
        int sessions30 = count(sessions, CustomerHistory.Session::at, within(t, 30));
        int sessions90 = count(sessions, CustomerHistory.Session::at, within(t, 90));
        f[i++] = sessions30;
        f[i++] = sessions90;
        f[i++] = sessions30 - count(sessions, CustomerHistory.Session::at, between(t, 30, 120)) / 3f;
        long lastSession = max(sessions, CustomerHistory.Session::at);
        f[i++] = lastSession == Long.MIN_VALUE ? Float.NaN : days(t - lastSession);
        f[i++] = sessions90 == 0 ? Float.NaN : (float) sessions.stream().filter(s -> within(t, 90).test(s.at()))
                .mapToInt(CustomerHistory.Session::productViews).sum() / sessions90;

        f[i++] = h.cartAdds.stream().filter(a -> within(t, 90).test(a)).count();
        long checkouts90 = h.checkouts.stream().filter(a -> within(t, 90).test(a)).count();
        long placed90 = count(placed, Order::at, within(t, 90));
        f[i++] = checkouts90 == 0 ? Float.NaN : (float) Math.max(0, checkouts90 - placed90) / checkouts90;

        long placed365 = count(placed, Order::at, within(t, 365));
        long returned365 = placed.stream().filter(o -> o.returnedAt() <= t && within(t, 365).test(o.at())).count();
        f[i++] = placed365 == 0 ? Float.NaN : (float) returned365 / placed365;
        f[i++] = placed.stream().filter(o -> within(t, 30).test(o.returnedAt())).count();
        long cancelled365 = placed.stream().filter(o -> o.cancelledAt() <= t && within(t, 365).test(o.at())).count();
        f[i++] = placed365 == 0 ? Float.NaN : (float) cancelled365 / placed365;
        long discounted365 = kept.stream().filter(o -> o.discounted() && within(t, 365).test(o.at())).count();
        f[i++] = orders365 == 0 ? Float.NaN : (float) discounted365 / orders365;

        List<Review> reviews365 = h.reviews.stream().filter(r -> within(t, 365).test(r.at())).toList();
        double ratingMean = reviews365.stream().mapToInt(Review::rating).average().orElse(Double.NaN);
        double ratingRecent = reviews365.stream().filter(r -> within(t, 90).test(r.at())).mapToInt(Review::rating)
                .average().orElse(Double.NaN);
        f[i++] = (float) ratingMean;
        f[i++] = (float) (ratingRecent - ratingMean);

        List<Ticket> opened = h.tickets.stream().filter(k -> k.openedAt() <= t).toList();
        f[i++] = opened.stream().filter(k -> within(t, 90).test(k.openedAt())).count();
        f[i++] = opened.stream().filter(k -> k.resolvedAt() > t).count();
        f[i++] = (float) opened.stream().filter(k -> k.resolvedAt() <= t && within(t, 365).test(k.openedAt()))
                .mapToDouble(Ticket::satisfaction).filter(s -> !Double.isNaN(s)).average().orElse(Double.NaN);

        long lastSignIn = h.signIns.stream().mapToLong(Long::longValue).filter(s -> s <= t).max().orElse(Long.MIN_VALUE);
        f[i++] = lastSignIn == Long.MIN_VALUE ? Float.NaN : days(t - lastSignIn);
        f[i++] = h.consentsAt(t).values().stream().filter(Boolean::booleanValue).count();

        f[i++] = (float) reviews365.stream().mapToDouble(Review::negativeTone).filter(x -> !Double.isNaN(x))
                .average().orElse(Double.NaN);
        f[i++] = (float) opened.stream().filter(k -> within(t, 90).test(k.openedAt())).mapToDouble(Ticket::negativeTone)
                .filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
        f[i++] = h.closedAsOf(t) ? 1 : 0;
        if (i != f.length) {
            throw new IllegalStateException("computed " + i + " features for schema " + schema.version() + " of " + f.length);
        }
        return f;
    }

    private static float days(long seconds) {
        return (float) (seconds / DAY);
    }

    /** In the {@code days} up to and including t. */
    private static LongPredicate within(long t, int days) {
        return at -> at <= t && at > t - days * 86_400L;
    }

    /** Between {@code fromDays} and {@code toDays} before t (the older comparison window of a trend). */
    private static LongPredicate between(long t, int fromDays, int toDays) {
        return at -> at <= t - fromDays * 86_400L && at > t - toDays * 86_400L;
    }

    private static <T> int count(List<T> items, java.util.function.ToLongFunction<T> time, LongPredicate when) {
        return (int) items.stream().filter(x -> when.test(time.applyAsLong(x))).count();
    }

    private static double sum(List<Order> orders, LongPredicate when) {
        return orders.stream().filter(o -> when.test(o.at())).mapToDouble(Order::amount).sum();
    }

    private static <T> long max(List<T> items, java.util.function.ToLongFunction<T> time) {
        return items.stream().mapToLong(time).max().orElse(Long.MIN_VALUE);
    }

    private static <T> long min(List<T> items, java.util.function.ToLongFunction<T> time) {
        return items.stream().mapToLong(time).min().orElse(Long.MAX_VALUE);
    }
}
