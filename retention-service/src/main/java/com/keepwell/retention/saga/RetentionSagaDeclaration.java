package com.keepwell.retention.saga;

import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.eventhandling.EventMessage;

import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.infra.axon.SagaDeclaration;

import io.quarkus.arc.Unremovable;

/**
 * Hands the retention saga to the process's Axon configuration, with the risk assessments it can pass over: only
 * one in four or so enters an actionable band, and the rest would each start a saga that ends at once, in a unit of
 * work of its own.
 */
@ApplicationScoped
@Unremovable
public class RetentionSagaDeclaration implements SagaDeclaration {

    private final RetentionSettings settings;

    @Inject
    RetentionSagaDeclaration(RetentionSettings settings) {
        this.settings = settings;
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
}
