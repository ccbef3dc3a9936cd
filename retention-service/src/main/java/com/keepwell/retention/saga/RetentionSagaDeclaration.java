package com.keepwell.retention.saga;

import jakarta.enterprise.context.ApplicationScoped;

import com.keepwell.infra.axon.SagaDeclaration;

import io.quarkus.arc.Unremovable;

/** Hands the retention saga to the process's Axon configuration. */
@ApplicationScoped
@Unremovable
public class RetentionSagaDeclaration implements SagaDeclaration {

    @Override
    public Class<?> sagaType() {
        return RetentionSaga.class;
    }
}
