package com.keepwell.infra.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a scheduled method that uses the database or sends commands: a run in progress when shutdown begins finishes
 * before Axon and the datasource stop (up to {@link ConsumerGates#PATIENCE}), and no run starts after. Quarkus'
 * scheduler does not wait for a running job when the application stops, so a job caught mid-batch failed on a
 * closed connection ("Error occurred after shutdown"). Implemented by {@link FinishesBeforeShutdownInterceptor}
 * with a {@link ConsumerGate} per method.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface FinishesBeforeShutdown {
}
