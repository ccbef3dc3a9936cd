package com.keepwell.retention.saga;

import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.eventhandling.EventMessage;

import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.infra.axon.SagaDeclaration;

import io.quarkus.arc.Unremovable;

/**
 * Hands the retention saga to the process's Axon configuration, with the risk assessments it can pass over: only
 * one in four or so enters an actionable band, and the rest would each start a saga that ends at once, in a unit of
 * work of its own. When retention acts on history, the events the saga reads also move the {@link HistoryClock}.
 */
@ApplicationScoped
@Unremovable
public class RetentionSagaDeclaration implements SagaDeclaration {

    private final RetentionSettings settings;
    private final HistoryClock history;

    @Inject
    RetentionSagaDeclaration(RetentionSettings settings, HistoryClock history) {
        this.settings = settings;
        this.history = history;
    }

    @Override
    public Class<?> sagaType() {
        return RetentionSaga.class;
    }

    @Override
    public Predicate<EventMessage<?>> relevant() {
        return event -> !RiskAssessedEvent.class.equals(event.getPayloadType())
                || RetentionSaga.opensCase((RiskAssessedEvent) event.getPayload(), settings);
    }

    /** How far a replay has come: the storefront time of the saga's customer events, and of assessments of history. */
    @Override
    public void read(EventMessage<?> event) {
        if (!settings.actOnHistory()) {
            return;
        }
        Object payload = event.getPayload();
        if (payload instanceof CustomerEvent e) {
            history.read(e.occurredAt());
        } else if (payload instanceof RiskAssessedEvent e && e.historical()) {
            history.read(e.featuresAsOf());
        }
    }
}
