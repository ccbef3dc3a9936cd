package com.keepwell.scoring.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import com.keepwell.domain.api.CustomerCommandRejectedException;
import com.keepwell.domain.api.Recording;
import com.keepwell.domain.storefront.StorefrontEvent;
import com.keepwell.domain.storefront.StorefrontEventData;
import com.keepwell.infra.axon.UnitOfWorkBatch;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns valid storefront events into commands on the {@code Customer} aggregate, a whole batch in one
 * transaction. Clickstream events go to the {@link ClickstreamBuffer} in the same transaction instead.
 */
@ApplicationScoped
public class StorefrontIngestion {

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final ClickstreamBuffer clickstream;
    private final MeterRegistry metrics;
    private static final int WRITE_CONFLICT_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Clock clock = Clock.systemUTC();

    @Inject
    StorefrontIngestion(CommandGateway commands, TransactionManager transactions, ClickstreamBuffer clickstream,
            MeterRegistry metrics, DataSource dataSource) {
        this.commands = commands;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clickstream = clickstream;
        this.metrics = metrics;
    }

    /**
     * Records the events; refused ones are reported in their outcome and the rest is committed. Outcomes come in
     * the order of the events.
     */
    public List<Outcome> ingest(List<StorefrontEvent> events) {
        List<Outcome> outcomes = retryingWriteConflicts(
                () -> UnitOfWorkBatch.run(transactions, "storefront batch", () -> record(events)));
        count(events, outcomes);
        return outcomes;
    }

    /** Records all the events or, if the aggregate refuses any of them, none: {@link BatchRefusedException}. */
    public List<Outcome> ingestAllOrNothing(List<StorefrontEvent> events) {
        List<Outcome> outcomes = retryingWriteConflicts(
                () -> UnitOfWorkBatch.run(transactions, "storefront batch (all or nothing)", () -> {
                    List<Outcome> recorded = record(events);
                    if (recorded.stream().anyMatch(Outcome::isRejected)) {
                        throw new BatchRefusedException(recorded);
                    }
                    return recorded;
                }));
        count(events, outcomes);
        return outcomes;
    }

    /**
     * Records in customer-id order (stable, so each customer's events keep their order): every batch then takes
     * the aggregates' locks in the same global order, and concurrent batches (the Kafka consumer, the session
     * condenser, HTTP requests) cannot deadlock on each other.
     */
    private List<Outcome> record(List<StorefrontEvent> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<StorefrontEvent> views = new ArrayList<>();
        Integer[] order = new Integer[events.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> events.get(i).subject()));
        for (int i : order) {
            StorefrontEvent event = events.get(i);
            if (event.type().isClickstream()) {
                views.add(event);
                outcomes[i] = Outcome.BUFFERED;
                continue;
            }
            try {
                Recording recording = commands.sendAndWait(((StorefrontEventData) event.data()).toCommand(event.header()));
                outcomes[i] = recording == Recording.DUPLICATE ? Outcome.DUPLICATE : Outcome.RECORDED;
            } catch (CustomerCommandRejectedException e) {
                outcomes[i] = Outcome.rejected(e.code(), e.getMessage());
            }
        }
        clickstream.add(views, clock.instant());
        return Arrays.asList(outcomes);
    }

    /**
     * Another process appended to one of the batch's customers after it was loaded: the whole batch rolled back,
     * the stale cache entry was dropped, and running it again decides on fresh state.
     */
    private static <R> R retryingWriteConflicts(Supplier<R> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return batch.get();
            } catch (RuntimeException e) {
                if (attempt >= WRITE_CONFLICT_ATTEMPTS || !isWriteConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isWriteConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /** True when the event store's database answers a trivial query. */
    boolean storeReachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void count(List<StorefrontEvent> events, List<Outcome> outcomes) {
        for (int i = 0; i < events.size(); i++) {
            metrics.counter("keepwell.ingest.events", "type", events.get(i).type().type(),
                    "outcome", outcomes.get(i).kind().name().toLowerCase()).increment();
        }
    }

    /** The aggregate refused at least one event of an all-or-nothing batch; nothing was recorded. */
    public static final class BatchRefusedException extends RuntimeException {

        private final transient List<Outcome> outcomes;

        BatchRefusedException(List<Outcome> outcomes) {
            super("the batch was refused; nothing was recorded");
            this.outcomes = List.copyOf(outcomes);
        }

        public List<Outcome> outcomes() {
            return outcomes;
        }
    }
}
