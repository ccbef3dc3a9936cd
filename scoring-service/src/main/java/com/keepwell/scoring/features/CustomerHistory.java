package com.keepwell.scoring.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.keepwell.domain.api.ContactChannel;

/**
 * What the feature projector remembers of one customer: the dated facts that features are computed from, kept
 * for {@link #RETAINED_DAYS} after the newest fact, with older orders folded into lifetime totals. Every entry
 * keeps its own time, so features "as of t" can ignore whatever happened after t, wherever the fact sits in the
 * stream. Times are epoch seconds; the class is stored as JSON, one row per customer.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CustomerHistory {

    static final long RETAINED_DAYS = 400;

    String country;
    long firstSeen = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    /** The first closure; rows stored before {@link #accountChanges} existed know only this. */
    long closedAt = Long.MAX_VALUE;
    /** Closures and reopenings (a registration after a closure), each at its own time. */
    final List<AccountChange> accountChanges = new ArrayList<>();
    final List<Consent> consents = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    final List<Long> cartAdds = new ArrayList<>();
    final List<Long> checkouts = new ArrayList<>();
    final List<Long> signIns = new ArrayList<>();
    final List<Review> reviews = new ArrayList<>();
    final List<Ticket> tickets = new ArrayList<>();
    /** Orders pruned from {@link #orders}: all older than anything a feature window reaches. */
    long prunedOrders;
    double prunedRevenue;
    long prunedUnits;
    long prunedFirstOrder = Long.MAX_VALUE;
    long prunedLastOrder = Long.MIN_VALUE;

    record Consent(long at, ContactChannel channel, boolean granted) {
    }

    /** An order; {@code cancelledAt}/{@code returnedAt} are {@code Long.MAX_VALUE} until that happens. */
    record Order(long at, String orderId, double amount, int units, boolean discounted, long cancelledAt, long returnedAt) {
        Order cancelled(long when) {
            return new Order(at, orderId, amount, units, discounted, Math.min(cancelledAt, when), returnedAt);
        }

        Order returned(long when) {
            return new Order(at, orderId, amount, units, discounted, cancelledAt, Math.min(returnedAt, when));
        }

        Order withDiscount() {
            return new Order(at, orderId, amount, units, true, cancelledAt, returnedAt);
        }
    }

    record AccountChange(long at, boolean closed) {
    }

    record Session(long at, int productViews) {
    }

    /** {@code negativeTone} is NaN where the review had no text. */
    record Review(long at, int rating, double negativeTone) {
    }

    record Ticket(long openedAt, String ticketId, long resolvedAt, double satisfaction, double negativeTone) {
        Ticket resolved(long when, double score) {
            return new Ticket(openedAt, ticketId, Math.min(resolvedAt, when), score, negativeTone);
        }
    }

    public Instant firstSeen() {
        return firstSeen == Long.MAX_VALUE ? null : Instant.ofEpochSecond(firstSeen);
    }

    public Instant newest() {
        return newest == Long.MIN_VALUE ? null : Instant.ofEpochSecond(newest);
    }

    public String country() {
        return country;
    }

    /** Whether the account was closed at t: the latest closure or reopening up to t decides. */
    boolean closedAsOf(long t) {
        return accountChanges.stream().filter(c -> c.at() <= t).max(java.util.Comparator.comparingLong(AccountChange::at))
                .map(AccountChange::closed).orElse(closedAt != Long.MAX_VALUE && closedAt <= t);
    }

    /** Whether the account is closed now, after everything this history has seen. */
    public boolean closed() {
        return closedAsOf(Long.MAX_VALUE);
    }

    /** Whether the customer has an order that was not cancelled, after everything this history has seen. */
    public boolean hasOrdered() {
        return prunedOrders > 0 || orders.stream().anyMatch(o -> o.cancelledAt() == Long.MAX_VALUE);
    }

    Map<ContactChannel, Boolean> consentsAt(long t) {
        Map<ContactChannel, Boolean> state = new EnumMap<>(ContactChannel.class);
        consents.stream().filter(c -> c.at() <= t).sorted(java.util.Comparator.comparingLong(Consent::at))
                .forEach(c -> state.put(c.channel(), c.granted()));
        return state;
    }

    void seen(long at) {
        firstSeen = Math.min(firstSeen, at);
        if (at > newest) {
            newest = at;
            prune();
        }
    }

    private void prune() {
        long horizon = newest - RETAINED_DAYS * 86_400;
        if (orders.stream().noneMatch(o -> o.at() < horizon) && sessions.stream().noneMatch(x -> x.at() < horizon)) {
            return;
        }
        orders.removeIf(o -> {
            if (o.at() >= horizon) {
                return false;
            }
            if (o.cancelledAt() == Long.MAX_VALUE) {
                prunedOrders++;
                prunedRevenue += o.amount();
                prunedUnits += o.units();
            }
            prunedFirstOrder = Math.min(prunedFirstOrder, o.at());
            prunedLastOrder = Math.max(prunedLastOrder, o.at());
            return true;
        });
        sessions.removeIf(s -> s.at() < horizon);
        cartAdds.removeIf(a -> a < horizon);
        checkouts.removeIf(a -> a < horizon);
        reviews.removeIf(r -> r.at() < horizon);
        tickets.removeIf(k -> k.openedAt() < horizon && k.resolvedAt() < horizon);
        long lastSignIn = signIns.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        signIns.removeIf(s -> s < horizon && s != lastSignIn);
    }
}
