package com.keepwell.infra.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jboss.logging.Logger;

/**
 * The streaming event processors of this process: how far each has read (position, lag behind the head of the event
 * store, the time of the last event it has read) and, for projections, a rebuild: stop, reset the token (the
 * processor's {@code @ResetHandler}s clear their tables), replay from the first event. Positions are the ones of
 * the segments this process holds.
 */
@ApplicationScoped
public class Processors {

    private static final Logger LOG = Logger.getLogger(Processors.class);

    private final AxonRuntime axon;
    private final DataSource dataSource;

    @Inject
    Processors(AxonRuntime axon, DataSource dataSource) {
        this.axon = axon;
        this.dataSource = dataSource;
    }

    /**
     * Where a processor stands. {@code position} is the lowest global index its segments have handled (-1 when it
     * holds no segment here or has read nothing); {@code lag} counts events stored after it (the event store may
     * have gaps, so this is an upper bound); {@code dataAsOf} is when the event at {@code position} was stored.
     * While replaying, {@code replayProgress} is the share (0-1) of the history up to the reset already replayed.
     */
    public record State(String name, boolean running, int segments, long position, long head, long lag,
            Instant dataAsOf, boolean replaying, Double replayProgress, String error) {
    }

    public Optional<State> state(String name) {
        return axon.configuration().eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .map(processor -> state(name, processor));
    }

    public List<State> states(Collection<String> names) {
        return names.stream().map(this::state).flatMap(Optional::stream).toList();
    }

    /**
     * Rebuilds a projection in place: the old rows are cleared when the replay starts and readers see the read model
     * fill up again (the console says so). Returns at once when the replay has started.
     */
    public State rebuild(String name) {
        StreamingEventProcessor processor = axon.configuration().eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no streaming processor '" + name + "'"));
        if (!processor.supportsReset()) {
            throw new IllegalStateException("processor '" + name + "' has handlers that cannot be replayed");
        }
        LOG.infof("Rebuilding %s: stopping, resetting its token, replaying from the first event", name);
        processor.shutdownAsync().join();
        try {
            processor.resetTokens();
        } catch (RuntimeException e) {
            // typically another instance still holds segments: this one goes back to work, nothing was reset
            processor.start();
            throw new IllegalStateException("could not reset '" + name + "': " + e.getMessage()
                    + ". Stop the other instances that run this processor, then retry.", e);
        }
        processor.start();
        return state(name, processor);
    }

    /**
     * Whether a processor's rebuild is still under way: some segment holds a replay token that has not yet reached
     * the position of its reset. Read from the token store, not from this process's view, so it holds from the
     * moment the reset commits (the tables are cleared in the same transaction), across restarts, and whichever
     * instance runs the replay. A processor that was never reset is not replaying.
     */
    public boolean replaying(String name) {
        Serializer serializer = axon.configuration().serializer();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND token IS NOT NULL")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (!ReplayToken.class.getName().equals(type)) {
                        continue;
                    }
                    ReplayToken token = serializer.deserialize(new SimpleSerializedObject<>(rows.getBytes(1),
                            byte[].class, new SimpleSerializedType(type, null)));
                    TrackingToken current = token.getCurrentToken();
                    if (token.getTokenAtReset() != null
                            && (current == null || !current.covers(token.getTokenAtReset()))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tokens of processor " + name, e);
        }
    }

    /** Throws {@link ProjectionRebuilding} while {@code name} is {@link #replaying}; {@code what} names its tables. */
    public void requireBuilt(String name, String what) {
        if (replaying(name)) {
            throw new ProjectionRebuilding(name, what);
        }
    }

    private State state(String name, StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long position = segments.isEmpty() ? -1 : segments.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
        // Axon keeps a replay token until an event after the reset position arrives; for a reader the rebuild is
        // done once the replay has reached that position
        long target = segments.stream().map(EventTrackerStatus::getResetPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max().orElse(0);
        boolean replaying = segments.isEmpty()
                // no segment claimed here yet (just reset and restarted, or held elsewhere): ask the token store
                ? replaying(name)
                : segments.stream().anyMatch(EventTrackerStatus::isReplaying) && position < target;
        Double progress = !replaying ? null : target > 0 ? Math.max(0, position) / (double) target : 0.0;
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(s -> String.valueOf(s.getError())).orElse(null);
        long head = -1;
        Instant asOf = null;
        try (Connection c = dataSource.getConnection()) {
            head = head(c);
            asOf = position < 0 ? null : storedAt(c, position);
        } catch (SQLException e) {
            LOG.warnf("could not read the event store's head: %s", e.getMessage());
        }
        return new State(name, processor.isRunning(), segments.size(), position, head,
                head < 0 ? 0 : Math.max(0, head - Math.max(position, 0)), asOf, replaying, progress, error);
    }

    private static long head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(max(globalindex), 0) FROM domainevententry");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Instant storedAt(Connection c, long position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT timestamp FROM domainevententry WHERE globalindex <= ?"
                + " ORDER BY globalindex DESC LIMIT 1")) {
            s.setLong(1, position);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Instant.parse(r.getString(1)) : null;
            }
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
