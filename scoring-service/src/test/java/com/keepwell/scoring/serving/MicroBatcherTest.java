package com.keepwell.scoring.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    @Test
    void batches_concurrent_requests_up_to_the_size_and_answers_each_in_order() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 8, Duration.ofMillis(50), batch -> {
            sizes.add(batch.size());
            return batch.stream().map(x -> x * 2).toList();
        })) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(batcher.submit(i));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 2);
            }
        }
        assertThat(sizes).allSatisfy(s -> assertThat(s).isBetween(1, 8));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        assertThat(sizes.get(0)).isEqualTo(8);
    }

    @Test
    void a_lone_request_waits_at_most_the_window_and_a_failing_batch_fails_its_requests() throws Exception {
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test", 64, Duration.ofMillis(20), batch -> {
            if (batch.contains(-1)) {
                throw new IllegalStateException("model broke");
            }
            return batch;
        })) {
            long started = System.nanoTime();
            assertThat(batcher.submit(7).get(5, TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            CompletableFuture<Integer> failed = batcher.submit(-1);
            assertThat(failed).failsWithin(Duration.ofSeconds(5));
        }
    }
}
