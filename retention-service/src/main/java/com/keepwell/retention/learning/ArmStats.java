package com.keepwell.retention.learning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;

import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.axon.Processors;
import com.keepwell.infra.axon.SequentialProcessing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;

/**
 * What offer choice learns from: per rule, risk band and arm (treatment or holdout), how many cases ended and how
 * many of them were retained or redeemed. Each case counts once, however often its outcome event is delivered.
 * Every customer's outcome updates the same few rows, so the events are handled in one sequence: segments upserting
 * them in parallel deadlocked in PostgreSQL (the batch was retried, so nothing was lost, but under load it thrashes).
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(ArmStats.PROCESSOR)
@SequentialProcessing
public class ArmStats {

    /** Observed counts of one arm. */
    public record Counts(int cases, int retained, int redeemed) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /** Both arms of one rule in one band. */
    public record Arms(Counts treated, Counts holdout) {
        public static final Arms NONE = new Arms(Counts.NONE, Counts.NONE);
    }

    public static final String PROCESSOR = "retention-learning";

    private final DataSource dataSource;
    private final MeterRegistry metrics;
    private final Processors processors;

    @Inject
    public ArmStats(DataSource dataSource, MeterRegistry metrics, Processors processors) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.processors = processors;
    }

    @EventHandler
    void on(RetentionOutcomeRecordedEvent e, ReplayStatus replay) throws SQLException {
        if (e.ruleId() == null) {
            return;
        }
        if (!replay.isReplay()) {
            // a rebuild replays outcomes the counter has already seen
            metrics.counter("keepwell.retention.outcomes", "outcome", e.outcome().name(), "group", e.group().name())
                    .increment();
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement seen = c.prepareStatement(
                    "INSERT INTO retention_outcome_seen (case_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                seen.setString(1, e.caseId().value());
                if (seen.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement count = c.prepareStatement("""
                    INSERT INTO retention_arm_stats (rule_id, band, arm, cases, retained, redeemed) VALUES (?, ?, ?, 1, ?, ?)
                    ON CONFLICT (rule_id, band, arm) DO UPDATE SET cases = retention_arm_stats.cases + 1,
                        retained = retention_arm_stats.retained + EXCLUDED.retained,
                        redeemed = retention_arm_stats.redeemed + EXCLUDED.redeemed""")) {
                count.setString(1, e.ruleId().value());
                count.setString(2, e.band().name());
                count.setString(3, e.group().name());
                count.setInt(4, e.retained() ? 1 : 0);
                count.setInt(5, e.outcome() == RetentionOutcome.REDEEMED ? 1 : 0);
                count.executeUpdate();
            }
        }
    }

    /**
     * A rebuild starts from empty tables, in the transaction that resets the token; until the replay has caught up,
     * {@link #inBand} refuses to answer, so offers are not chosen on part of the evidence.
     */
    @ResetHandler
    void reset() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("TRUNCATE retention_arm_stats, retention_outcome_seen")) {
            s.executeUpdate();
        }
    }

    /** Both arms of every rule in {@code band}, by rule id. */
    public Map<String, Arms> inBand(RiskBand band) {
        processors.requireBuilt(PROCESSOR, "the arm statistics offer choice learns from");
        Map<String, Counts> treated = new HashMap<>();
        Map<String, Counts> holdout = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT rule_id, arm, cases, retained, redeemed FROM retention_arm_stats WHERE band = ?")) {
            s.setString(1, band.name());
            ResultSet rows = s.executeQuery();
            while (rows.next()) {
                Counts counts = new Counts(rows.getInt(3), rows.getInt(4), rows.getInt(5));
                (RetentionGroup.valueOf(rows.getString(2)) == RetentionGroup.TREATMENT ? treated : holdout)
                        .put(rows.getString(1), counts);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read retention outcomes", e);
        }
        Map<String, Arms> arms = new HashMap<>();
        for (String rule : union(treated, holdout)) {
            arms.put(rule, new Arms(treated.getOrDefault(rule, Counts.NONE), holdout.getOrDefault(rule, Counts.NONE)));
        }
        return arms;
    }

    private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
