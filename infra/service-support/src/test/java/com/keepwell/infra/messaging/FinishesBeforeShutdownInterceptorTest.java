package com.keepwell.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.interceptor.InvocationContext;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;

class FinishesBeforeShutdownInterceptorTest {

    private final ConsumerGates gates = new ConsumerGates();
    private final FinishesBeforeShutdownInterceptor interceptor = new FinishesBeforeShutdownInterceptor(gates);

    /** An invocation of {@link #scheduledJob()} that runs {@code body}. */
    private static InvocationContext job(Callable<Object> body) throws NoSuchMethodException {
        Method method = FinishesBeforeShutdownInterceptorTest.class.getDeclaredMethod("scheduledJob");
        return new InvocationContext() {
            private final Map<String, Object> data = new HashMap<>();
            public Object getTarget() { return null; }
            public Object getTimer() { return null; }
            public Method getMethod() { return method; }
            public Constructor<?> getConstructor() { return null; }
            public Object[] getParameters() { return new Object[0]; }
            public void setParameters(Object[] params) { }
            public Map<String, Object> getContextData() { return data; }
            public Object proceed() throws Exception { return body.call(); }
        };
    }

    @Test
    void a_job_runs_through_with_its_result_and_its_failure() throws Exception {
        assertThat(interceptor.around(job(() -> "done"))).isEqualTo("done");
        assertThatThrownBy(() -> interceptor.around(job(() -> {
            throw new java.sql.SQLException("database down");
        }))).hasMessage("database down");
    }

    @Test
    void shutdown_waits_for_the_run_in_progress_and_no_run_starts_after() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Object> inProgress = CompletableFuture.supplyAsync(() -> {
            try {
                return interceptor.around(job(() -> {
                    started.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return runs.incrementAndGet();
                }));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> gates.closeAll(new ShutdownEvent()));
        Thread.sleep(200);
        assertThat(shutdown).as("shutdown waits for the run in progress").isNotDone();
        assertThat(gates.closing()).as("a looping job sees shutdown and stops between batches").isTrue();
        release.countDown();
        shutdown.get(5, TimeUnit.SECONDS);
        assertThat(inProgress.get(5, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(interceptor.around(job(runs::incrementAndGet))).isNull();
        assertThat(runs).as("no run after shutdown began").hasValue(1);
    }

    /** The method the invocations above stand for. */
    @SuppressWarnings("unused")
    private static void scheduledJob() {
    }
}
