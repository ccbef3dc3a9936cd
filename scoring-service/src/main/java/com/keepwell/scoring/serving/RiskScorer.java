package com.keepwell.scoring.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.RecordRiskAssessmentCommand;
import com.keepwell.domain.api.Recording;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;
import com.keepwell.domain.api.RiskScore;
import com.keepwell.infra.axon.UnitOfWorkBatch;
import com.keepwell.scoring.features.ChurnPopulation;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.infra.messaging.ConsumerGates;
import com.keepwell.infra.messaging.FinishesBeforeShutdown;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Scores customers in batches: those the feature processor marked due (something happened) and, through the
 * sweep, those whose last score is older than {@code rescore-after} (nothing happened, which is how churn looks).
 * Customers outside the {@link ChurnPopulation} are neither: a closed account's last assessment stands, and the
 * retention saga gets no case for it; a registrant who has not ordered yet is first scored after that order.
 * A batch claims its rows with {@code FOR UPDATE SKIP LOCKED} (instances never score the same customer at
 * once), runs one inference call, records each assessment that changed something ({@link AssessmentRecording}) on
 * the customer aggregate and clears the rows, all in one transaction: a crash leaves the rows due and they are
 * scored again. The assessment id is derived from customer, feature time and model, so a retried batch records
 * nothing twice.
 */
@ApplicationScoped
public class RiskScorer {

    private static final Logger LOG = Logger.getLogger(RiskScorer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIM = """
            SELECT customer_id, history, last_recorded_at, last_score, last_band, last_model, last_reasons,
                last_recorded_historical, newest_event_at
            FROM customer_features
            WHERE score_due_at <= ? ORDER BY score_due_at LIMIT ? FOR UPDATE SKIP LOCKED
            """;
    private static final String RECORDED = """
            UPDATE customer_features SET score_due_at = NULL, last_assessed_at = ?, last_recorded_at = ?,
                last_score = ?, last_band = ?, last_model = ?, last_reasons = ?, last_recorded_historical = ?
            WHERE customer_id = ?
            """;
    private static final String UNCHANGED = """
            UPDATE customer_features SET score_due_at = NULL, last_assessed_at = ? WHERE customer_id = ?
            """;
    /** Due: no score, a score older than rescore-after, or (once no replay is running) a recorded one of history. */
    private static final String SWEEP = """
            UPDATE customer_features SET score_due_at = ?
            WHERE score_due_at IS NULL AND NOT account_closed AND has_ordered
                AND (last_assessed_at IS NULL OR last_assessed_at < ? OR (last_recorded_historical AND ?))
            """;

    private final DataSource dataSource;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final ScoringEngine engine;
    private final FeatureProjector projector;
    private final CustomerFeatureProcessor features;
    private final ScoringSettings settings;
    private final MeterRegistry metrics;
    private final AssessmentRecording recording;
    private final ConsumerGates gates;
    private final Clock clock = Clock.systemUTC();

    @Inject
    RiskScorer(DataSource dataSource, CommandGateway commands, TransactionManager transactions, ScoringEngine engine,
            FeatureProjector projector, CustomerFeatureProcessor features, ScoringSettings settings,
            MeterRegistry metrics, ConsumerGates gates) {
        this.dataSource = dataSource;
        this.gates = gates;
        this.commands = commands;
        this.transactions = transactions;
        this.engine = engine;
        this.projector = projector;
        this.features = features;
        this.settings = settings;
        this.metrics = metrics;
        this.recording = AssessmentRecording.of(settings.recording());
        Gauge.builder("keepwell.scoring.replaying.history", features, f -> f.replayingHistory() ? 1 : 0)
                .description("1 while old events are being imported: their customers are scored as of the time"
                        + " the import reached, as history")
                .strongReference(true).register(metrics);
    }

    @Scheduled(every = "${keepwell.scoring.poll-interval:1s}", delayed = "3s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    void scoreDue() {
        if (!settings.enabled() || !engine.isReady()) {
            return;
        }
        int scored;
        do {
            scored = scoreBatch();
        } while (scored == settings.batchSize() && !gates.closing());
    }

    @Scheduled(every = "${keepwell.scoring.sweep-interval:1m}", delayed = "10s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    public void sweep() {
        if (!settings.enabled()) {
            return;
        }
        int marked = UnitOfWorkBatch.run(transactions, "mark aged risk scores", () -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SWEEP)) {
                Instant now = clock.instant();
                s.setTimestamp(1, Timestamp.from(now));
                s.setTimestamp(2, Timestamp.from(now.minus(settings.rescoreAfter())));
                s.setBoolean(3, !features.replayingHistory());
                return s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot mark aged risk scores", e);
            }
        });
        if (marked > 0) {
            LOG.infof("sweep: %d customers with no score, a score older than %s or one of replayed history are due",
                    marked, settings.rescoreAfter());
        }
    }

    /**
     * The time a customer's features describe, and whether that is history: the assessment then says where the
     * customer stood back then, and retention leaves it alone unless told otherwise.
     */
    record AsOf(Instant time, boolean historical) {
    }

    /**
     * Now; but while old events are being imported, a customer whose newest event is older than
     * {@code backfill-lag} (one being imported) is scored as of the time the import has reached, so the imported
     * past does not look like months of silence. Customers with recent events are scored as of now even then.
     */
    static AsOf asOf(Instant customerNewest, Instant now, boolean replaying, Instant replayClock, Duration lag) {
        Instant old = now.minus(lag);
        if (!replaying || replayClock == null || customerNewest == null || !customerNewest.isBefore(old)) {
            return new AsOf(now, false);
        }
        Instant time = replayClock.isAfter(customerNewest) ? replayClock : customerNewest;
        time = time.isAfter(now) ? now : time;
        return new AsOf(time, time.isBefore(old));
    }

    private record Due(String customerId, CustomerHistory history, AssessmentRecording.Last last,
            Instant newestEvent) {
    }

    int scoreBatch() {
        return UnitOfWorkBatch.run(transactions, "score customers", () -> {
            try (Connection c = dataSource.getConnection()) {
                List<Due> due = claim(c);
                if (due.isEmpty()) {
                    return 0;
                }
                // customer-id order: the lock order ingestion uses, so the two never deadlock on aggregates
                due.sort(Comparator.comparing(Due::customerId));
                Instant now = clock.instant();
                boolean replaying = features.replayingHistory();
                Instant replayClock = features.replayClock();
                List<AsOf> asOf = due.stream().map(d -> asOf(d.newestEvent(), now, replaying, replayClock,
                        settings.backfillLag())).toList();
                float[][] rows = new float[due.size()][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = projector.features(due.get(i).history(), asOf.get(i).time());
                }
                long started = System.nanoTime();
                engine.withModel(model -> {
                    LoadedModel.Scored[] scored = model.score(rows, settings.reasons());
                    metrics.timer("keepwell.scoring.batch").record(System.nanoTime() - started,
                            java.util.concurrent.TimeUnit.NANOSECONDS);
                    record(c, due, scored, model, asOf);
                    return null;
                });
                metrics.counter("keepwell.scoring.assessments").increment(due.size());
                return due.size();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot score customers", e);
            }
        });
    }

    private List<Due> claim(Connection c) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(CLAIM)) {
            q.setTimestamp(1, Timestamp.from(clock.instant()));
            q.setInt(2, settings.batchSize());
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    Timestamp recordedAt = rows.getTimestamp(3);
                    double score = rows.getDouble(4);
                    Double lastScore = rows.wasNull() ? null : score;
                    String band = rows.getString(5);
                    due.add(new Due(rows.getString(1), JSON.readValue(rows.getString(2), CustomerHistory.class),
                            new AssessmentRecording.Last(recordedAt == null ? null : recordedAt.toInstant(),
                                    lastScore, band == null ? null : RiskBand.valueOf(band), rows.getString(6),
                                    rows.getString(7), rows.getBoolean(8)),
                            rows.getTimestamp(9).toInstant()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable feature history", e);
        }
        return due;
    }

    /**
     * Records the scores worth it ({@link AssessmentRecording}) on the customers' aggregates and clears every row's
     * due mark; a score not recorded only moves the row's time of last scoring, so the sweep leaves it for a day.
     */
    private void record(Connection c, List<Due> due, LoadedModel.Scored[] scored, LoadedModel model,
            List<AsOf> asOfs) {
        Instant now = clock.instant();
        int unchanged = 0;
        try (PreparedStatement recorded = c.prepareStatement(RECORDED);
                PreparedStatement same = c.prepareStatement(UNCHANGED)) {
            for (int i = 0; i < due.size(); i++) {
                String customer = due.get(i).customerId();
                AsOf asOf = asOfs.get(i);
                double score = Math.min(1, Math.max(0, scored[i].probability()));
                RiskBand band = settings.band().of(score);
                List<RiskReason> reasons = scored[i].reasons();
                boolean worth = recording.worthRecording(due.get(i).last(), score, band, model.version(), reasons,
                        now, asOf.historical());
                // the aggregate answers DUPLICATE when it holds an assessment as of this time or later (during an
                // import, a re-score with nothing newer): then nothing was recorded, and the row keeps what was
                boolean recordedNow = worth && commands.sendAndWait(new RecordRiskAssessmentCommand(
                        CustomerId.of(customer), assessmentId(customer, asOf, model), RiskScore.of(score), band,
                        model.version(), model.manifest().featureSchemaVersion(), reasons, asOf.time(), now,
                        asOf.historical())) != Recording.DUPLICATE;
                if (!recordedNow) {
                    same.setTimestamp(1, Timestamp.from(now));
                    same.setString(2, customer);
                    same.addBatch();
                    unchanged++;
                    continue;
                }
                recorded.setTimestamp(1, Timestamp.from(now));
                recorded.setTimestamp(2, Timestamp.from(now));
                recorded.setDouble(3, score);
                recorded.setString(4, band.name());
                recorded.setString(5, model.version());
                recorded.setString(6, AssessmentRecording.reasonCodes(reasons));
                recorded.setBoolean(7, asOf.historical());
                recorded.setString(8, customer);
                recorded.addBatch();
            }
            recorded.executeBatch();
            same.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record risk assessments", e);
        }
        metrics.counter("keepwell.scoring.assessments.unchanged").increment(unchanged);
    }

    /** Derived from customer, feature time and model: a retried batch sends the same id. */
    private static String assessmentId(String customer, AsOf asOf, LoadedModel model) {
        return UUID.nameUUIDFromBytes((customer + '\u0000' + asOf.time() + '\u0000' + model.version())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
