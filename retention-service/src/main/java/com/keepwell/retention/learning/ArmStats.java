package com.keepwell.retention.learning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.jboss.logging.Logger;

import com.keepwell.domain.api.OrderedAfterRetentionWindowEvent;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.axon.Processors;
import com.keepwell.infra.axon.SequentialProcessing;
import com.keepwell.infra.messaging.FinishesBeforeShutdown;
import com.keepwell.retention.saga.HistoryClock;
import com.keepwell.retention.saga.RetentionSettings;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * What offer choice learns from: per rule, risk band and arm (treatment or holdout), how many cases settled and how
 * many of them were kept or redeemed. What "kept" means is {@code keepwell.retention.learn-from}: by default an order
 * in the follow-up after the outcome window ({@link OrderedAfterRetentionWindowEvent}), and the case settles when the
 * follow-up ends; with {@code window}, the outcome itself (an order or redemption inside the window), and the case
 * settles when its window closes (or at its outcome, if that came later). Either way a case is counted with the cases
 * of its time, never early: a customer who re-orders on day 2 of 14 is counted on day 14, with the cases of their
 * week that expire then, or the first days of every new rule would count only its successes. An outcome recorded
 * without a follow-up end (before follow-ups existed, or with {@code follow-up=0}) is learned from as a window
 * outcome. Outcomes due later wait in
 * {@code retention_outcome_seen} and {@link #settleDue} counts them. Each case counts once, however often its outcome
 * event is delivered. Every customer's outcome updates the same few rows, so the events are handled in one sequence:
 * segments upserting them in parallel deadlocked in PostgreSQL (the batch was retried, so nothing was lost, but under
 * load it thrashes).
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(ArmStats.PROCESSOR)
@SequentialProcessing
public class ArmStats {

    /** Observed counts of one arm. */
    public record Counts(int cases, int retained, int redeemed) {
        public static final Counts NONE = new Counts(0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(cases + other.cases, retained + other.retained, redeemed + other.redeemed);
        }
    }

    /** Both arms of one rule in one band. */
    public record Arms(Counts treated, Counts holdout) {
        public static final Arms NONE = new Arms(Counts.NONE, Counts.NONE);
    }

    /** The holdout arms of several rules (those of one band) added up. */
    public static Counts pooledHoldout(Collection<Arms> arms) {
        return arms.stream().map(Arms::holdout).reduce(Counts.NONE, Counts::plus);
    }

    public static final String PROCESSOR = "retention-learning";
    private static final Logger LOG = Logger.getLogger(ArmStats.class);

    private final DataSource dataSource;
    private final MeterRegistry metrics;
    private final Processors processors;
    private final boolean learnFromFollowUp;
    private final HistoryClock history;

    @Inject
    public ArmStats(DataSource dataSource, MeterRegistry metrics, Processors processors, RetentionSettings settings,
            HistoryClock history) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.processors = processors;
        this.learnFromFollowUp = settings.learnFrom() == RetentionSettings.LearningOutcome.FOLLOW_UP;
        this.history = history;
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
        boolean redeemed = e.outcome() == RetentionOutcome.REDEEMED;
        // followed up: not kept until an order of the follow-up says so (that event comes later in the same stream)
        boolean followUp = learnFromFollowUp && e.followUpEnds() != null;
        boolean kept = !followUp && e.retained();
        Instant settles = followUp ? e.followUpEnds() : e.settlesAt();
        // settled already (also every outcome of a rebuild whose window has closed since): counted at once. A case on
        // replayed history settles on the history's time: its follow-up ends a few wall seconds later, not long ago
        Instant settlesAt = settles.isAfter(history.passedUpTo()) ? settles : null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement seen = c.prepareStatement("""
                    INSERT INTO retention_outcome_seen (case_id, rule_id, band, arm, retained, redeemed, settles_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                seen.setString(1, e.caseId().value());
                seen.setString(2, e.ruleId().value());
                seen.setString(3, e.band().name());
                seen.setString(4, e.group().name());
                seen.setBoolean(5, kept);
                seen.setBoolean(6, redeemed);
                seen.setTimestamp(7, settlesAt == null ? null : Timestamp.from(settlesAt));
                if (seen.executeUpdate() == 0 || settlesAt != null) {
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
                count.setInt(4, kept ? 1 : 0);
                count.setInt(5, redeemed ? 1 : 0);
                count.executeUpdate();
            }
        }
    }

    /**
     * The customer of a followed-up case ordered after its window: the case is kept. Before the case has settled its
     * row says so and the settling counts it; after (a late order event, or any rebuild of a case whose follow-up has
     * ended), the count is corrected at once. Whichever of this and {@link #settleDue} locks the row second sees what
     * the first wrote, so the order is counted once either way.
     */
    @EventHandler
    void on(OrderedAfterRetentionWindowEvent e) throws SQLException {
        if (!learnFromFollowUp || e.ruleId() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean counted;
            try (PreparedStatement seen = c.prepareStatement("""
                    UPDATE retention_outcome_seen SET retained = true WHERE case_id = ? AND NOT retained
                    RETURNING settles_at IS NULL""")) {
                seen.setString(1, e.caseId().value());
                ResultSet row = seen.executeQuery();
                if (!row.next()) {
                    // counted as kept already, or an outcome learned from as a window outcome
                    return;
                }
                counted = row.getBoolean(1);
            }
            if (counted) {
                try (PreparedStatement count = c.prepareStatement("""
                        UPDATE retention_arm_stats SET retained = retained + 1 WHERE rule_id = ? AND band = ? AND arm = ?""")) {
                    count.setString(1, e.ruleId().value());
                    count.setString(2, e.band().name());
                    count.setString(3, e.group().name());
                    count.executeUpdate();
                }
            }
        }
    }

    @Scheduled(every = "${keepwell.retention.settle-interval:1m}", delayed = "10s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    void scheduled() {
        try {
            settleDue();
        } catch (RuntimeException e) {
            // the outcome processor upserts the same rows; PostgreSQL may break a deadlock by failing this side
            LOG.infof("settling learning outcomes failed (%s); the next run retries", e.getMessage());
        }
    }

    /**
     * Counts the outcomes whose window (or follow-up) has closed by now ({@link HistoryClock#passedUpTo()}: on the
     * history's time while a replay runs), in one transaction: each row is marked counted as it is added, so two
     * instances settling at once count it once (the second waits for the first's row locks, then finds nothing due).
     */
    public int settleDue() {
        Instant upTo = history.passedUpTo();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("""
                            WITH due AS (
                                UPDATE retention_outcome_seen SET settles_at = NULL WHERE settles_at <= ?
                                RETURNING rule_id, band, arm, retained, redeemed),
                            counted AS (
                                INSERT INTO retention_arm_stats (rule_id, band, arm, cases, retained, redeemed)
                                SELECT rule_id, band, arm, count(*), count(*) FILTER (WHERE retained),
                                       count(*) FILTER (WHERE redeemed)
                                FROM due GROUP BY rule_id, band, arm ORDER BY rule_id, band, arm
                                ON CONFLICT (rule_id, band, arm) DO UPDATE SET
                                    cases = retention_arm_stats.cases + EXCLUDED.cases,
                                    retained = retention_arm_stats.retained + EXCLUDED.retained,
                                    redeemed = retention_arm_stats.redeemed + EXCLUDED.redeemed
                                RETURNING cases)
                            SELECT count(*) FROM due""")) {
                s.setTimestamp(1, Timestamp.from(upTo));
                ResultSet rows = s.executeQuery();
                rows.next();
                return rows.getInt(1);
            }
        });
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
