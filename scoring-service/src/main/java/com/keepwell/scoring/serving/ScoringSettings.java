package com.keepwell.scoring.serving;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import com.keepwell.domain.api.RiskBand;
import com.keepwell.scoring.inference.OrtSessions;

/** {@code keepwell.scoring.*}: when and how customers are scored. */
@ConfigMapping(prefix = "keepwell.scoring")
public interface ScoringSettings {

    /** Score at all (off in processes that only ingest). */
    @WithDefault("true")
    boolean enabled();

    /** The model version shipped in the jar and promoted on first start. */
    @WithDefault("churn-default-v1")
    String defaultModel();

    /** How often each instance checks which model is promoted. */
    @WithDefault("2s")
    Duration modelPollInterval();

    /** A customer is scored this long after the first meaningful event since the last score. */
    @WithDefault("10s")
    Duration debounce();

    /** How often due customers are looked for. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How often the sweep looks for aged scores. */
    @WithDefault("1m")
    Duration sweepInterval();

    /** Customers scored per batch (one inference call). */
    @WithDefault("1024")
    int batchSize();

    /** A score older than this is redone by the sweep: features such as "days since" age without any event. */
    @WithDefault("24h")
    Duration rescoreAfter();

    /**
     * An event older than this when processed is "old". While at least {@link #backfillEventsPerMinute()} old
     * events a minute arrive, history is being replayed (a backfill, the embedded simulator's year), and customers
     * are scored as of the newest event instead of now, so replayed history does not look like silence. A few
     * late events from a quiet shop do not switch this on.
     */
    @WithDefault("6h")
    Duration backfillLag();

    @WithDefault("100")
    int backfillEventsPerMinute();

    /** Reasons kept per assessment. */
    @WithDefault("3")
    int reasons();

    Bands band();

    Recording recording();

    Ort ort();

    MicroBatch microBatch();

    /**
     * Lower score bounds of the bands above LOW, set for the default model (P(no order in 30 days), 82 % base rate).
     * They also decide where retention cases open (entering MEDIUM or above): with MEDIUM from 0.90 the policy keeps
     * 2.9 times what random targeting keeps per euro, 95 % interval 2.2–3.5; from 0.85 only 2.3, 1.8–2.8
     * (docs/retention.md, uplift evaluation).
     */
    interface Bands {
        @WithDefault("0.90")
        double medium();

        @WithDefault("0.95")
        double high();

        @WithDefault("0.98")
        double critical();

        default RiskBand of(double score) {
            return RiskBand.of(score, medium(), high(), critical());
        }
    }

    /** When a score becomes a {@code RiskAssessedEvent} ({@link AssessmentRecording}). */
    interface Recording {
        /** A score that moved at least this much since the last recorded one is recorded; 0 records every score. */
        @WithDefault("0.01")
        @DecimalMin("0")
        @DecimalMax("1")
        double minScoreChange();

        /** A customer's assessment is recorded at least this often, even when nothing moved. */
        @WithDefault("7d")
        Duration confirmAfter();
    }

    interface Ort {
        /** Try the CUDA execution provider first (only the -Pgpu build has it); CPU otherwise. */
        @WithDefault("true")
        boolean preferCuda();

        @WithDefault("0")
        int cudaDevice();

        @WithDefault("2")
        int intraOpThreads();

        default OrtSessions.Settings sessionSettings() {
            return new OrtSessions.Settings(preferCuda(), cudaDevice(), intraOpThreads(), 1);
        }
    }

    /** Single-row requests (the score API) are batched: up to max-size rows or max-wait, whichever comes first. */
    interface MicroBatch {
        @WithDefault("64")
        int maxSize();

        @WithDefault("5ms")
        Duration maxWait();
    }
}
