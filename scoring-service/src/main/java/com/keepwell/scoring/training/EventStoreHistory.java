package com.keepwell.scoring.training;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.keepwell.infra.axon.TypedIdJackson;

/**
 * The platform's own history: the Axon event store in PostgreSQL, read in global order and deserialized with the
 * same Jackson settings the platform writes with. Customer events are handed to {@code sink}; other aggregates'
 * events and unknown payload types are skipped.
 */
public final class EventStoreHistory {

    public record Span(Instant first, Instant last) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final ObjectMapper json;

    public EventStoreHistory(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        new TypedIdJackson().customize(json);
    }

    /** First and last storefront time in the store (from the events' own occurredAt). */
    public Span span() throws SQLException {
        Instant[] span = {null, null};
        replay(e -> {
            if (e instanceof com.keepwell.domain.api.CustomerEvent c) {
                if (span[0] == null || c.occurredAt().isBefore(span[0])) {
                    span[0] = c.occurredAt();
                }
                if (span[1] == null || c.occurredAt().isAfter(span[1])) {
                    span[1] = c.occurredAt();
                }
            }
        }, null);
        if (span[0] == null) {
            throw new IllegalStateException("the event store at " + url + " holds no customer events");
        }
        return new Span(span[0], span[1]);
    }

    public void replay(Consumer<Object> sink, PrintStream progress) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT payloadtype, payload FROM domainevententry ORDER BY globalindex")) {
                q.setFetchSize(5_000);
                long n = 0;
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        Class<?> type;
                        try {
                            type = Class.forName(rows.getString(1));
                        } catch (ClassNotFoundException e) {
                            continue;
                        }
                        try {
                            sink.accept(json.readValue(rows.getBytes(2), type));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException("cannot read a stored " + type.getSimpleName(), e);
                        }
                        if (progress != null && ++n % 200_000 == 0) {
                            progress.printf("  read %,d events from the event store%n", n);
                        }
                    }
                }
            }
        }
    }
}
