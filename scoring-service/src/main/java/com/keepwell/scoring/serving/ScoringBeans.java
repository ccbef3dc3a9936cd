package com.keepwell.scoring.serving;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.text.TextToneSignals;

/**
 * The feature projector the processor and the scorer share, with the text models behind its tone features
 * (singletons: both are final, thread-safe classes that need no proxy).
 */
@ApplicationScoped
class ScoringBeans {

    @Produces
    @Singleton
    TextToneSignals textSignals(ScoringSettings settings) {
        return new TextToneSignals(settings.ort().sessionSettings());
    }

    void close(@Disposes TextToneSignals signals) throws Exception {
        signals.close();
    }

    @Produces
    @Singleton
    FeatureProjector projector(TextToneSignals text) {
        return new FeatureProjector(text);
    }
}
