package com.keepwell.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Generates the storefront events of a population of simulated customers in time order, lazily: only each
 * customer's latent state and few pending events are in memory, never the event stream, so millions of customers
 * and hundreds of millions of events stream through. Deterministic for a seed: customers draw from their own
 * random streams and ties are broken by customer index.
 */
public final class StorefrontSimulator implements Iterator<SimEvent> {

    private record Offer(String customerId, OfferType type, Instant at, Instant validUntil, Coupon coupon) {
    }

    private final SimulationSettings settings;
    private final List<SimCustomer> customers;
    private final Map<String, SimCustomer> byId;
    private final PriorityQueue<SimCustomer> byNextStep = new PriorityQueue<>((a, b) -> {
        int byTime = a.pending.peek().time().compareTo(b.pending.peek().time());
        return byTime != 0 ? byTime : Integer.compare(a.index, b.index);
    });
    private final List<Instant> truthTimes;
    private final ConcurrentLinkedQueue<Offer> offers = new ConcurrentLinkedQueue<>();
    private int nextTruth;
    private volatile Instant clock;
    private SimEvent next;

    public StorefrontSimulator(SimulationSettings settings) {
        this.settings = settings;
        this.customers = new ArrayList<>(settings.customers());
        for (int i = 0; i < settings.customers(); i++) {
            SimCustomer customer = new SimCustomer(i, settings);
            customers.add(customer);
            byNextStep.add(customer);
        }
        this.byId = customers.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        this.truthTimes = settings.truthAt().stream().sorted().toList();
        this.clock = settings.start();
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** Simulated time of the last event handed out. */
    public Instant clock() {
        return clock;
    }

    /**
     * Delivers a retention offer to a simulated customer (thread-safe); it takes effect before the next event,
     * at the offer's time or the simulated clock, whichever is later. Unknown customers are ignored.
     */
    public void deliverOffer(String customerId, OfferType type, Instant at, int validityDays) {
        deliverOffer(customerId, type, at, validityDays, null);
    }

    /** As above; a redemption uses {@code couponCode}, so the platform can match it to the offer. */
    public void deliverOffer(String customerId, OfferType type, Instant at, int validityDays, String couponCode) {
        deliverOffer(customerId, type, at, at.plus(Duration.ofDays(validityDays)),
                Coupon.of(Coupon.codeOr(couponCode, type)));
    }

    /**
     * As above, valid until {@code validUntil}: an offer that reaches its customer later (the simulated clock has
     * passed it) is not acted on, and a redemption falls inside the validity. The coupon's terms set the
     * discount of the order that redeems it.
     */
    public void deliverOffer(String customerId, OfferType type, Instant at, Instant validUntil, Coupon coupon) {
        offers.add(new Offer(customerId, type, at, validUntil, coupon));
    }

    /** The customer's true response to an offer type, or {@code null} for an unknown customer (thread-safe). */
    public OfferResponse.Kind responseOf(String customerId, OfferType type) {
        SimCustomer customer = byId.get(customerId);
        return customer == null ? null : customer.responses.get(type).kind();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public SimEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SimEvent event = next;
        next = null;
        return event;
    }

    private SimEvent advance() {
        Instant end = settings.end();
        while (true) {
            applyOffers();
            SimCustomer customer = byNextStep.poll();
            if (customer == null || customer.pending.isEmpty()) {
                recordTruthUntil(end);
                return null;
            }
            SimCustomer.Step step = customer.pending.poll();
            if (step.time().isAfter(end)) {
                recordTruthUntil(end);
                byNextStep.clear();
                return null;
            }
            recordTruthUntil(step.time());
            clock = step.time();
            if (step.kind() != SimCustomer.Step.Kind.EMIT) {
                customer.decide(step);
            }
            if (!customer.pending.isEmpty()) {
                byNextStep.add(customer);
            }
            if (step.kind() == SimCustomer.Step.Kind.EMIT) {
                return step.event();
            }
        }
    }

    private void applyOffers() {
        Offer offer;
        while ((offer = offers.poll()) != null) {
            SimCustomer customer = byId.get(offer.customerId());
            if (customer != null) {
                byNextStep.remove(customer);
                customer.receiveOffer(offer.type(), offer.at().isAfter(clock) ? offer.at() : clock, offer.validUntil(),
                        offer.coupon());
                if (!customer.pending.isEmpty()) {
                    byNextStep.add(customer);
                }
            }
        }
    }

    private void recordTruthUntil(Instant time) {
        while (nextTruth < truthTimes.size() && !truthTimes.get(nextTruth).isAfter(time)) {
            Instant at = truthTimes.get(nextTruth++);
            customers.forEach(c -> c.recordSnapshot(at));
        }
    }

    /** The ground truth of every customer; complete once the stream is exhausted. */
    public List<GroundTruth> groundTruth() {
        return customers.stream().map(SimCustomer::truth).toList();
    }
}
