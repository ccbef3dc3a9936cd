package com.keepwell.infra.messaging;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs each {@link FinishesBeforeShutdown} method through a {@link ConsumerGate} of its own. */
@FinishesBeforeShutdown
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class FinishesBeforeShutdownInterceptor {

    private final ConsumerGates gates;
    private final Map<Method, ConsumerGate> byMethod = new ConcurrentHashMap<>();

    @Inject
    public FinishesBeforeShutdownInterceptor(ConsumerGates gates) {
        this.gates = gates;
    }

    /** Runs the method unless shutdown has begun (then returns null: a scheduled method returns nothing). */
    @AroundInvoke
    public Object around(InvocationContext invocation) throws Exception {
        ConsumerGate gate = byMethod.computeIfAbsent(invocation.getMethod(), method -> gates.open());
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        gate.handle(() -> {
            try {
                result[0] = invocation.proceed();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}
