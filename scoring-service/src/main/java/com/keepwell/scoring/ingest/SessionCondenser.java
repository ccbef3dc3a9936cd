package com.keepwell.scoring.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.ProductId;
import com.keepwell.domain.api.RecordSessionCommand;
import com.keepwell.domain.api.SessionId;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.infra.axon.UnitOfWorkBatch;
import com.keepwell.infra.messaging.ConsumerGates;
import com.keepwell.infra.messaging.FinishesBeforeShutdown;

import io.quarkus.scheduler.Scheduled;

/**
 * Condenses buffered page and product views into one {@code RecordSessionCommand} per finished session: a
 * session is finished when the storefront sent {@code session.ended}, or when no view of it arrived for the
 * idle timeout (30 minutes by default, the usual web-analytics session rule). Recording the session and
 * deleting its views happen in one transaction; the session's source event id is derived from customer and
 * session, so a session condensed twice (two instances, a crash between the steps) is recorded once.
 */
@ApplicationScoped
public class SessionCondenser {

    private static final Logger LOG = Logger.getLogger(SessionCondenser.class);
    static final int MAX_PRODUCTS = 50;
    static final int MAX_CATEGORIES = 20;

    private static final String FINISHED_SESSIONS = """
            SELECT customer_id, session_id, min(occurred_at) AS started_at, max(occurred_at) AS ended_at,
                   count(*) FILTER (WHERE product_id IS NULL AND NOT ends_session) AS page_views,
                   count(*) FILTER (WHERE product_id IS NOT NULL) AS product_views,
                   (array_agg(DISTINCT product_id) FILTER (WHERE product_id IS NOT NULL))[1:%d] AS products,
                   (array_agg(DISTINCT category) FILTER (WHERE category IS NOT NULL))[1:%d] AS categories
            FROM clickstream_view
            GROUP BY customer_id, session_id
            HAVING bool_or(ends_session) OR max(received_at) < ?
            ORDER BY max(received_at)
            LIMIT ?
            """.formatted(MAX_PRODUCTS, MAX_CATEGORIES);
    private static final String DELETE_SESSION = "DELETE FROM clickstream_view WHERE customer_id = ? AND session_id = ?";

    private final DataSource dataSource;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final Duration idleTimeout;
    private final int batchSize;
    private final ConsumerGates gates;
    private final Clock clock = Clock.systemUTC();

    @Inject
    SessionCondenser(DataSource dataSource, CommandGateway commands, TransactionManager transactions,
            @ConfigProperty(name = "keepwell.ingest.session.idle-timeout", defaultValue = "30m") Duration idleTimeout,
            @ConfigProperty(name = "keepwell.ingest.session.batch-size", defaultValue = "500") int batchSize,
            ConsumerGates gates) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.transactions = transactions;
        this.idleTimeout = idleTimeout;
        this.batchSize = batchSize;
        this.gates = gates;
    }

    @Scheduled(every = "${keepwell.ingest.session.flush-interval:10s}", delayed = "${keepwell.ingest.session.flush-interval:10s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    void flushFinishedSessions() {
        int flushed;
        do {
            flushed = flushOnce();
        } while (flushed == batchSize && !gates.closing());
    }

    /** Records up to one batch of finished sessions; returns how many. */
    int flushOnce() {
        int flushed = UnitOfWorkBatch.run(transactions, "condense sessions", () -> {
            try (Connection connection = dataSource.getConnection()) {
                // customer-id order: the same lock order as ingestion batches, so the two cannot deadlock
                List<RecordSessionCommand> sessions = finishedSessions(connection).stream()
                        .sorted(Comparator.comparing(c -> c.customerId().value()))
                        .toList();
                try (PreparedStatement delete = connection.prepareStatement(DELETE_SESSION)) {
                    for (RecordSessionCommand session : sessions) {
                        commands.sendAndWait(session);
                        delete.setString(1, session.customerId().value());
                        delete.setString(2, session.sessionId().value());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                return sessions.size();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot condense clickstream sessions", e);
            }
        });
        if (flushed > 0) {
            LOG.debugf("condensed %d finished sessions", flushed);
        }
        return flushed;
    }

    private List<RecordSessionCommand> finishedSessions(Connection connection) throws SQLException {
        List<RecordSessionCommand> sessions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(FINISHED_SESSIONS)) {
            query.setTimestamp(1, Timestamp.from(clock.instant().minus(idleTimeout)));
            query.setInt(2, batchSize);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String customer = rows.getString("customer_id");
                    String session = rows.getString("session_id");
                    var endedAt = rows.getTimestamp("ended_at").toInstant();
                    sessions.add(new RecordSessionCommand(CustomerId.of(customer), sessionEventId(customer, session),
                            endedAt, SessionId.of(session), rows.getTimestamp("started_at").toInstant(), endedAt,
                            rows.getInt("page_views"), rows.getInt("product_views"),
                            strings(rows.getArray("products")).stream().map(ProductId::of).toList(),
                            strings(rows.getArray("categories"))));
                }
            }
        }
        return sessions;
    }

    static StorefrontEventId sessionEventId(String customer, String session) {
        return StorefrontEventId.of("session-" + UUID.nameUUIDFromBytes(
                (customer + '\u0000' + session).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
