package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.retention.budget.Budgets;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many offers reserving one rule's budget at the same moment, from many threads with their own connections (as two
 * service instances would): never more than the budget is taken, in total or in a day.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class BudgetConcurrencyTest {

    @Inject
    Budgets budgets;

    @Inject
    DataSource dataSource;

    private int raceFor(String ruleId, int offers, Instant at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < offers; i++) {
                String offerId = "offer-" + UUID.randomUUID();
                Callable<Boolean> reserve = () -> {
                    start.await();
                    return budgets.reserve(ruleId, offerId, new BigDecimal("5.00"), at);
                };
                results.add(pool.submit(reserve));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> result : results) {
                granted += result.get() ? 1 : 0;
            }
            return granted;
        } finally {
            pool.shutdownNow();
        }
    }

    private BigDecimal spent(String ruleId) throws Exception {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT spent_total FROM offer_budget WHERE rule_id = ?")) {
            s.setString(1, ruleId);
            var rows = s.executeQuery();
            rows.next();
            return rows.getBigDecimal(1);
        }
    }

    @Test
    void parallel_reservations_never_exceed_the_total_budget() throws Exception {
        String rule = "rule-race-" + UUID.randomUUID().toString().substring(0, 8);
        budgets.configure(rule, "EUR", new BigDecimal("50.00"), new BigDecimal("1000.00"));
        Instant now = Instant.now();
        assertThat(raceFor(rule, 120, now)).isEqualTo(10);
        assertThat(spent(rule)).isEqualByComparingTo("50.00");
        assertThat(budgets.remaining(rule, now).total()).isEqualByComparingTo("0");
        // the day's row was taken first by every attempt; the 110 refused by the total gave it back
        assertThat(budgets.remaining(rule, now).today()).isEqualByComparingTo("950.00");
    }

    @Test
    void parallel_reservations_never_exceed_the_daily_budget_and_released_ones_can_be_reused() throws Exception {
        String rule = "rule-day-" + UUID.randomUUID().toString().substring(0, 8);
        budgets.configure(rule, "EUR", new BigDecimal("1000.00"), new BigDecimal("20.00"));
        Instant today = Instant.parse("2026-06-01T12:00:00Z");
        assertThat(raceFor(rule, 60, today)).isEqualTo(4);
        assertThat(raceFor(rule, 60, today.plusSeconds(86_400))).isEqualTo(4);
        assertThat(spent(rule)).isEqualByComparingTo("40.00");

        // an unredeemed offer gives its reservation back, once, however often it is released
        String offer = "offer-" + UUID.randomUUID();
        String rule2 = rule + "-b";
        budgets.configure(rule2, "EUR", new BigDecimal("5.00"), new BigDecimal("5.00"));
        assertThat(budgets.reserve(rule2, offer, new BigDecimal("5.00"), today)).isTrue();
        assertThat(budgets.reserve(rule2, offer, new BigDecimal("5.00"), today)).as("same offer again").isTrue();
        assertThat(budgets.reserve(rule2, "other", new BigDecimal("5.00"), today)).isFalse();
        budgets.release(offer);
        budgets.release(offer);
        assertThat(spent(rule2)).isEqualByComparingTo("0");
        assertThat(budgets.reserve(rule2, "other", new BigDecimal("5.00"), today)).isTrue();
        budgets.spend("other");
        budgets.release("other");
        assertThat(spent(rule2)).as("a spent reservation stays spent").isEqualByComparingTo("5.00");
    }
}
