package com.keepwell.readmodels.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.keepwell.infra.messaging.FinishesBeforeShutdown;

/**
 * Keeps {@code risk_history} to the assessments recorded in the last {@code keep-for} (400 days: a year and a season
 * to compare with). Assessments are the largest part of the platform's storage (docs/operations.md); the event
 * store keeps every one, so the read model need not. Age is the time of recording, not the time the features
 * describe, so a replay of old history (CDNOW, a backfill) stays for its full term. Deletes in batches, each its
 * own transaction, passing over rows another instance is deleting. A rebuild writes the older rows again (they keep
 * their recording time), and the next run removes them.
 */
@ApplicationScoped
public class RiskHistoryRetention {

    private static final Logger LOG = Logger.getLogger(RiskHistoryRetention.class);
    private static final int BATCH = 10_000;
    private static final String PRUNE = """
            DELETE FROM risk_history WHERE assessment_id IN (
                SELECT assessment_id FROM risk_history WHERE assessed_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)
            """;

    private final DataSource dataSource;
    private final Duration keepFor;

    @Inject
    RiskHistoryRetention(DataSource dataSource,
            @ConfigProperty(name = "keepwell.read-models.risk-history.keep-for", defaultValue = "400d") Duration keepFor) {
        this.dataSource = dataSource;
        this.keepFor = keepFor;
    }

    @Scheduled(every = "${keepwell.read-models.risk-history.prune-interval:1h}", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    void scheduled() {
        prune(Instant.now());
    }

    /** Removes the assessments recorded before {@code now} − keep-for (none when keep-for is 0). */
    public long prune(Instant now) {
        if (keepFor.isZero() || keepFor.isNegative()) {
            return 0;
        }
        Instant before = now.minus(keepFor);
        long removed = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> delete(before));
            removed += batch;
        } while (batch == BATCH);
        if (removed > 0) {
            LOG.infof("risk history: removed %,d assessments recorded before %s (keep-for %s)", removed,
                    before, keepFor);
        }
        return removed;
    }

    private int delete(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PRUNE)) {
            s.setTimestamp(1, Timestamp.from(before));
            s.setInt(2, BATCH);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prune the risk history", e);
        }
    }
}
