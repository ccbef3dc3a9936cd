package com.keepwell.scoring.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;

import com.keepwell.scoring.registry.ModelRegistry;
import com.keepwell.infra.messaging.FinishesBeforeShutdown;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Serves the promoted churn model: installs the shipped default model on first start, follows promotions and
 * rollbacks (hot swap, no restart), scores batches for the scorer and micro-batches single requests for the API.
 */
@ApplicationScoped
public class ScoringEngine {

    private static final Logger LOG = Logger.getLogger(ScoringEngine.class);

    /** A single-row scoring result and the model that produced it. */
    public record Result(String modelVersion, LoadedModel.Scored scored) {
    }

    private final ModelRegistry registry;
    private final ScoringSettings settings;
    private final ActiveModel active = new ActiveModel();
    private MicroBatcher<float[], Result> batcher;

    @Inject
    ScoringEngine(ModelRegistry registry, ScoringSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        if (registry.installDefault(settings.defaultModel())) {
            LOG.infof("model registry was empty: published and promoted the shipped model %s", settings.defaultModel());
        }
        batcher = new MicroBatcher<>("churn-micro-batcher", settings.microBatch().maxSize(),
                settings.microBatch().maxWait(), this::scoreRows);
        followPromotion();
    }

    @Scheduled(every = "${keepwell.scoring.model-poll-interval:2s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @FinishesBeforeShutdown
    void followPromotion() {
        if (!settings.enabled()) {
            return;
        }
        registry.promotedVersion().filter(v -> !v.equals(active.version())).ifPresent(version -> {
            try {
                active.swap(new LoadedModel(registry.bundle(version).orElseThrow(), settings.ort().sessionSettings()));
            } catch (OrtException | RuntimeException e) {
                LOG.errorf(e, "cannot load promoted churn model %s; still serving %s", version, active.version());
            }
        });
    }

    public boolean isReady() {
        return active.isReady();
    }

    public String modelVersion() {
        return active.version();
    }

    /** Scores a batch on one model; returns that model's version with the results in row order. */
    public <T> T withModel(java.util.function.Function<LoadedModel, T> work) {
        return active.with(work);
    }

    /** One row through the micro-batcher. */
    public CompletableFuture<Result> score(float[] features) {
        if (batcher == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("scoring is disabled in this process"));
        }
        return batcher.submit(features);
    }

    private List<Result> scoreRows(List<float[]> rows) {
        return active.with(model -> {
            LoadedModel.Scored[] scored = model.score(rows.toArray(float[][]::new), settings.reasons());
            List<Result> results = new ArrayList<>(scored.length);
            Arrays.stream(scored).forEach(s -> results.add(new Result(model.version(), s)));
            return results;
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (batcher != null) {
            batcher.close();
        }
    }
}
