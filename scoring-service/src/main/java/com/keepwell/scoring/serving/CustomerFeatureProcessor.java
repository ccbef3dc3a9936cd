package com.keepwell.scoring.serving;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.scoring.features.ChurnPopulation;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;

import io.quarkus.arc.Unremovable;

/**
 * The online side of the feature projector: an Axon streaming processor that folds every customer event into the
 * customer's {@link CustomerHistory} row (in the processor's transaction, with its token, so each event counts
 * exactly once; a batch loads each customer's row once, locked, and writes the changed rows in one JDBC batch
 * when it commits) and marks the customer due for scoring {@code debounce} after the first meaningful event since
 * the last score. A burst of events (a browsing session, an order with its coupon) thus leads to one score.
 * Only customers of the {@link ChurnPopulation} are marked due: not a closed account (its churn is no longer a risk
 * but a fact) until a registration reopens it, nor a registrant before the first order that was not cancelled.
 * Reset for replay: the histories are dropped and rebuilt from the event store.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(CustomerFeatureProcessor.NAME)
public class CustomerFeatureProcessor {

    public static final String NAME = "customer-features";
    private static final String BATCH = CustomerFeatureProcessor.class.getName() + ".batch";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOAD = "SELECT history FROM customer_features WHERE customer_id = ? FOR UPDATE";
    private static final String SAVE = """
            INSERT INTO customer_features (customer_id, history, newest_event_at, updated_at, score_due_at,
                account_closed, has_ordered)
            VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET history = excluded.history,
                newest_event_at = greatest(customer_features.newest_event_at, excluded.newest_event_at),
                updated_at = excluded.updated_at,
                score_due_at = CASE WHEN excluded.account_closed OR NOT excluded.has_ordered THEN NULL
                    ELSE coalesce(customer_features.score_due_at, excluded.score_due_at) END,
                account_closed = excluded.account_closed,
                has_ordered = excluded.has_ordered
            """;

    private final DataSource dataSource;
    private final FeatureProjector projector;
    private final ScoringSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final BackfillDetector backfill;

    @Inject
    CustomerFeatureProcessor(DataSource dataSource, FeatureProjector projector, ScoringSettings settings) {
        this.dataSource = dataSource;
        this.projector = projector;
        this.settings = settings;
        this.backfill = new BackfillDetector(settings.backfillEventsPerMinute());
    }

    /** Whether history is being replayed right now (many old events a minute), so scores use the stream's time. */
    boolean replayingHistory() {
        return backfill.active(clock.instant());
    }

    /** The histories one processor batch touched: loaded once, written once when the batch commits. */
    private static final class Batch {
        final Map<String, CustomerHistory> histories = new HashMap<>();
        final Set<String> changed = new HashSet<>();
    }

    @EventHandler
    void on(CustomerEvent event, UnitOfWork<?> unitOfWork) throws SQLException, IOException {
        UnitOfWork<?> root = unitOfWork.root();
        Batch batch = root.getOrComputeResource(BATCH, key -> {
            Batch b = new Batch();
            root.onPrepareCommit(u -> save(b));
            return b;
        });
        String customer = event.customerId().value();
        CustomerHistory history = batch.histories.get(customer);
        if (history == null) {
            history = load(customer);
            batch.histories.put(customer, history);
        }
        if (!projector.apply(history, event)) {
            return;
        }
        batch.changed.add(customer);
        Instant now = clock.instant();
        if (event.occurredAt().isBefore(now.minus(settings.backfillLag()))) {
            backfill.oldEventProcessed(now, event.occurredAt());
        }
    }

    private CustomerHistory load(String customer) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); PreparedStatement load = c.prepareStatement(LOAD)) {
            load.setString(1, customer);
            try (ResultSet row = load.executeQuery()) {
                return row.next() ? JSON.readValue(row.getString(1), CustomerHistory.class) : new CustomerHistory();
            }
        }
    }

    private void save(Batch batch) {
        if (batch.changed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement save = c.prepareStatement(SAVE)) {
            for (String customer : batch.changed) {
                CustomerHistory history = batch.histories.get(customer);
                save.setString(1, customer);
                save.setString(2, JSON.writeValueAsString(history));
                save.setTimestamp(3, Timestamp.from(history.newest()));
                save.setTimestamp(4, Timestamp.from(now));
                boolean scored = ChurnPopulation.includes(history);
                save.setTimestamp(5, scored ? Timestamp.from(now.plus(settings.debounce())) : null);
                save.setBoolean(6, history.closed());
                save.setBoolean(7, history.hasOrdered());
                save.addBatch();
            }
            save.executeBatch();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot save " + batch.changed.size() + " feature histories", e);
        }
    }

    @ResetHandler
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM customer_features");
        }
    }

    /**
     * The storefront time the running import of old events has reached (its newest event so far); null before this
     * process handled any old event. Meaningful while {@link #replayingHistory()}.
     */
    Instant replayClock() {
        return backfill.reached();
    }
}
