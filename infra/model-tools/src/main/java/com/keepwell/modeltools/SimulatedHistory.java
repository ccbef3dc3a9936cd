package com.keepwell.modeltools;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.ProductId;
import com.keepwell.domain.api.RecordSessionCommand;
import com.keepwell.domain.api.SessionId;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.domain.storefront.ClickstreamData;
import com.keepwell.domain.storefront.EventHeader;
import com.keepwell.domain.storefront.StorefrontEventData;
import com.keepwell.simulator.SimEvent;
import com.keepwell.simulator.SimulationSettings;
import com.keepwell.simulator.StorefrontSimulator;

/**
 * Simulated storefront history as the platform would record it: the simulator's events become commands on the
 * in-memory {@code Customer} aggregate, and page/product views are condensed per session (closed by
 * {@code session.ended} or 30 idle minutes, the ingestion's rule) into one {@code RecordSessionCommand}.
 */
final class SimulatedHistory {

    private static final Duration SESSION_IDLE = Duration.ofMinutes(30);

    private record OpenSession(String sessionId, Instant started, Instant last, int pageViews, int productViews,
            Set<String> products, Set<String> categories) {
    }

    private SimulatedHistory() {
    }

    static void replay(SimulationSettings settings, Consumer<Object> domainEvents, PrintStream progress) {
        replay(new StorefrontSimulator(settings), domainEvents, progress, List.of(), t -> { });
    }

    /**
     * As above over a given simulator, stopping at each of {@code pauses} (in order): once every event before the
     * pause time is recorded, {@code atPause} runs, and may deliver offers to the simulator before it goes on.
     */
    static void replay(StorefrontSimulator simulator, Consumer<Object> domainEvents, PrintStream progress,
            List<Instant> pauses, Consumer<Instant> atPause) {
        java.util.ArrayDeque<Instant> due = new java.util.ArrayDeque<>(pauses.stream().sorted().toList());
        Map<String, OpenSession> open = new HashMap<>();
        long count = 0;
        long started = System.nanoTime();
        try (OfflineCustomers customers = new OfflineCustomers(domainEvents)) {
            for (Iterator<SimEvent> it = simulator; it.hasNext();) {
                SimEvent e = it.next();
                while (!due.isEmpty() && !e.time().isBefore(due.peekFirst())) {
                    closeIdle(open, customers, due.peekFirst());
                    atPause.accept(due.pollFirst());
                }
                if (e.data() instanceof ClickstreamData click) {
                    view(open, customers, e, click);
                } else {
                    customers.record(((StorefrontEventData) e.data()).toCommand(
                            new EventHeader(CustomerId.of(e.customerId()), StorefrontEventId.of(e.id()), e.time())));
                }
                if (++count % 5_000 == 0) {
                    closeIdle(open, customers, e.time());
                }
                if (count % 500_000 == 0) {
                    progress.printf("  simulated %,d storefront events, now at %s (%.0f s)%n", count, e.time(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
            for (String customer : new ArrayList<>(open.keySet())) {
                close(open, customers, customer);
            }
            progress.printf("  simulated %,d storefront events; %,d refused by the aggregate%n", count, customers.refused());
        }
    }

    private static void view(Map<String, OpenSession> open, OfflineCustomers customers, SimEvent e, ClickstreamData click) {
        OpenSession s = open.get(e.customerId());
        if (s != null && (!s.sessionId().equals(click.sessionId()) || s.last().plus(SESSION_IDLE).isBefore(e.time()))) {
            close(open, customers, e.customerId());
            s = null;
        }
        if (s == null) {
            s = new OpenSession(click.sessionId(), e.time(), e.time(), 0, 0, new LinkedHashSet<>(), new LinkedHashSet<>());
        }
        boolean product = click.productId() != null;
        if (product) {
            s.products().add(click.productId());
        }
        if (click.category() != null) {
            s.categories().add(click.category());
        }
        s = new OpenSession(s.sessionId(), s.started(), e.time(),
                s.pageViews() + (!product && !click.endsSession() ? 1 : 0), s.productViews() + (product ? 1 : 0),
                s.products(), s.categories());
        open.put(e.customerId(), s);
        if (click.endsSession()) {
            close(open, customers, e.customerId());
        }
    }

    private static void closeIdle(Map<String, OpenSession> open, OfflineCustomers customers, Instant now) {
        List<String> idle = open.entrySet().stream()
                .filter(x -> x.getValue().last().plus(SESSION_IDLE).isBefore(now)).map(Map.Entry::getKey).toList();
        idle.forEach(customer -> close(open, customers, customer));
    }

    private static void close(Map<String, OpenSession> open, OfflineCustomers customers, String customer) {
        OpenSession s = open.remove(customer);
        customers.record(new RecordSessionCommand(CustomerId.of(customer),
                StorefrontEventId.of("session-" + customer + "-" + s.sessionId()), s.last(), SessionId.of(s.sessionId()),
                s.started(), s.last(), s.pageViews(), s.productViews(),
                s.products().stream().limit(50).map(ProductId::of).toList(),
                s.categories().stream().limit(20).toList()));
    }
}
