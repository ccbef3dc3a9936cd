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
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;

import io.quarkus.arc.Unremovable;

/**
 * The online side of the feature projector: an Axon streaming processor that folds every customer event into the
 * customer's {@link CustomerHistory} row (in the processor's transaction, with its token, so each event counts
 * exactly once) and marks the customer due for scoring {@code debounce} after the first meaningful event since
 * the last score. A burst of events (a browsing session, an order with its coupon) thus leads to one score.
 * Reset for replay: the histories are dropped and rebuilt from the event store.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(CustomerFeatureProcessor.NAME)
public class CustomerFeatureProcessor {

    public static final String NAME = "customer-features";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOAD = "SELECT history FROM customer_features WHERE customer_id = ? FOR UPDATE";
    private static final String SAVE = """
            INSERT INTO customer_features (customer_id, history, newest_event_at, updated_at, score_due_at)
            VALUES (?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (customer_id) DO UPDATE SET history = excluded.history,
                newest_event_at = greatest(customer_features.newest_event_at, excluded.newest_event_at),
                updated_at = excluded.updated_at,
                score_due_at = coalesce(customer_features.score_due_at, excluded.score_due_at)
            """;

    private final DataSource dataSource;
    private final FeatureProjector projector;
    private final ScoringSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Instant> newestEvent = new AtomicReference<>();
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

    @EventHandler
    void on(CustomerEvent event) throws SQLException, IOException {
        String customer = event.customerId().value();
        try (Connection c = dataSource.getConnection()) {
            CustomerHistory history = null;
            try (PreparedStatement load = c.prepareStatement(LOAD)) {
                load.setString(1, customer);
                try (ResultSet row = load.executeQuery()) {
                    if (row.next()) {
                        history = JSON.readValue(row.getString(1), CustomerHistory.class);
                    }
                }
            }
            if (history == null) {
                history = new CustomerHistory();
            }
            if (!projector.apply(history, event)) {
                return;
            }
            Instant now = clock.instant();
            try (PreparedStatement save = c.prepareStatement(SAVE)) {
                save.setString(1, customer);
                save.setString(2, JSON.writeValueAsString(history));
                save.setTimestamp(3, Timestamp.from(history.newest()));
                save.setTimestamp(4, Timestamp.from(now));
                save.setTimestamp(5, Timestamp.from(now.plus(settings.debounce())));
                save.executeUpdate();
            }
            newestEvent.accumulateAndGet(event.occurredAt(), (a, b) -> a == null || b.isAfter(a) ? b : a);
            if (event.occurredAt().isBefore(now.minus(settings.backfillLag()))) {
                backfill.oldEventProcessed(now);
            }
        }
    }

    @ResetHandler
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM customer_features");
        }
        newestEvent.set(null);
    }

    /** The storefront time of the newest event this process has seen (after a restart: the newest stored). */
    Instant newestEvent() {
        Instant seen = newestEvent.get();
        if (seen != null) {
            return seen;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT max(newest_event_at) FROM customer_features")) {
            Timestamp max = row.next() ? row.getTimestamp(1) : null;
            return max == null ? null : newestEvent.updateAndGet(v -> v == null ? max.toInstant() : v);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the newest feature time", e);
        }
    }
}
