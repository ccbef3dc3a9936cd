package com.keepwell.scoring.serving;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * The model this process serves, swapped without a restart when another version is promoted. A batch runs
 * entirely on the model it started with; the previous model is closed once its last batch ends.
 */
public final class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();

    public boolean isReady() {
        return current.get() != null;
    }

    public String version() {
        LoadedModel m = current.get();
        return m == null ? null : m.version();
    }

    public void swap(LoadedModel next) {
        LoadedModel previous = current.getAndSet(next);
        LOG.infof("serving churn model %s on %s%s", next.version(), next.provider(),
                previous == null ? "" : " (was " + previous.version() + ")");
        if (previous != null) {
            previous.retire();
        }
    }

    /** Runs {@code work} on the current model, holding it for the whole call. */
    public <T> T with(Function<LoadedModel, T> work) {
        while (true) {
            LoadedModel model = current.get();
            if (model == null) {
                throw new IllegalStateException("no churn model is loaded yet");
            }
            if (model.acquire()) {
                try {
                    return work.apply(model);
                } finally {
                    model.release();
                }
            }
        }
    }
}
