package com.keepwell.scoring.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.keepwell.domain.storefront.ClickstreamData;
import com.keepwell.domain.storefront.StorefrontEvent;

/**
 * Keeps page and product views in a staging table until {@link SessionCondenser} turns each finished session
 * into one recorded fact. The event id is the primary key, so a redelivered view is stored once; the insert
 * joins the caller's transaction, so a view is acknowledged to Kafka only once it is durable.
 */
@ApplicationScoped
public class ClickstreamBuffer {

    private static final String INSERT = """
            INSERT INTO clickstream_view
                (event_id, customer_id, session_id, occurred_at, received_at, product_id, category, ends_session)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final DataSource dataSource;

    @Inject
    ClickstreamBuffer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Must run inside a transaction. */
    void add(List<StorefrontEvent> views, Instant receivedAt) {
        if (views.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (StorefrontEvent event : views) {
                ClickstreamData view = (ClickstreamData) event.data();
                insert.setString(1, event.id());
                insert.setString(2, event.subject());
                insert.setString(3, view.sessionId());
                insert.setTimestamp(4, Timestamp.from(event.time()));
                insert.setTimestamp(5, Timestamp.from(receivedAt));
                setNullable(insert, 6, view.productId());
                setNullable(insert, 7, view.category());
                insert.setBoolean(8, view.endsSession());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot buffer " + views.size() + " clickstream events", e);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
