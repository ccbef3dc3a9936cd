package com.keepwell.infra.axon;

/**
 * A service's way of handing a saga type to the one Axon configuration of the process: a CDI bean implementing
 * this. Sagas are not beans themselves (Axon creates and serializes them), so nothing else would find them.
 */
public interface SagaDeclaration {

    Class<?> sagaType();
}
