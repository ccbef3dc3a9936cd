package com.keepwell.scoring.serving;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;

import com.keepwell.domain.api.RiskReason;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ChurnModelSession;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.ModelManifest;
import com.keepwell.scoring.model.TreeEnsemble;

/**
 * One model version ready to serve: its ONNX Runtime session, its trees (for reason codes) and its calibration.
 * Callers {@link #acquire()} it for the duration of a batch; a retired model closes its session once the last
 * batch using it has finished, so a hot swap never breaks a request in flight.
 */
public final class LoadedModel {

    private static final Logger LOG = Logger.getLogger(LoadedModel.class);

    /** A scored row: calibrated churn probability and the reasons behind it. */
    public record Scored(double probability, List<RiskReason> reasons) {
    }

    private final ModelManifest manifest;
    private final ChurnModelSession session;
    private final TreeEnsemble ensemble;
    private final AtomicInteger users = new AtomicInteger(1);

    public LoadedModel(ModelBundle bundle, OrtSessions.Settings settings) throws OrtException {
        this.manifest = bundle.manifest();
        this.ensemble = bundle.ensemble();
        this.session = new ChurnModelSession(manifest.version(), bundle.onnx(), manifest.featureNames().size(), settings);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String version() {
        return manifest.version();
    }

    public OrtSessions.Provider provider() {
        return session.provider();
    }

    /** False when the model is already retired and closing: take the current model again. */
    boolean acquire() {
        while (true) {
            int n = users.get();
            if (n == 0) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (users.decrementAndGet() == 0) {
            try {
                session.close();
                LOG.infof("closed retired churn model %s", version());
            } catch (OrtException e) {
                LOG.warnf("closing churn model %s: %s", version(), e.getMessage());
            }
        }
    }

    /** Drops the registry's own reference; the session closes when the last batch in flight releases it. */
    void retire() {
        release();
    }

    public Scored[] score(float[][] rows, int maxReasons) {
        float[] raw = session.predict(rows);
        Scored[] out = new Scored[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] phi = ensemble.contributions(rows[i]);
            out[i] = new Scored(manifest.calibration().apply(raw[i]),
                    ReasonCatalog.reasons(manifest.featureNames(), rows[i], phi, maxReasons));
        }
        return out;
    }
}
