package com.keepwell.scoring.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Collects single requests into batches: a batch runs when {@code maxBatch} requests are waiting or
 * {@code maxWait} has passed since its first request, whichever comes first. One inference call for many rows
 * costs little more than for one (far less on a GPU), so under load throughput grows with the batch while an idle
 * request waits at most {@code maxWait}. Written by hand: a queue and a thread, smaller than any dependency.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {

    private record Pending<I, O>(I input, CompletableFuture<O> result) {
    }

    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Function<List<I>, List<O>> work;
    private final Thread worker;
    private volatile boolean running = true;

    public MicroBatcher(String name, int maxBatch, Duration maxWait, Function<List<I>, List<O>> work) {
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.work = work;
        this.worker = new Thread(this::loop, name);
        worker.setDaemon(true);
        worker.start();
    }

    public CompletableFuture<O> submit(I input) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the batcher is closed"));
        }
        CompletableFuture<O> result = new CompletableFuture<>();
        queue.add(new Pending<>(input, result));
        return result;
    }

    private void loop() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending<I, O> next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Pending<I, O>> batch) {
        try {
            List<O> out = work.apply(batch.stream().map(Pending::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(out.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.join(5_000);
    }
}
