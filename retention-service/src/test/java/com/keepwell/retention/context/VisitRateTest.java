package com.keepwell.retention.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VisitRateTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void a_steady_visitor_reads_as_their_rate_whatever_the_tenure() {
        // one session every 5 days is 6 a month, after a year as after six weeks
        for (int tenure : List.of(42, 365)) {
            VisitRate rate = VisitRate.NONE;
            for (int day = tenure; day > 0; day -= 5) {
                rate = rate.plus(NOW.minus(Duration.ofDays(day)));
            }
            assertThat(rate.perMonth(NOW, tenure)).as("tenure %d", tenure).isCloseTo(6.0, within(0.45));
        }
    }

    @Test
    void sessions_arriving_out_of_order_add_up_to_the_same_rate() {
        List<Instant> sessions = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            sessions.add(NOW.minus(Duration.ofMinutes(random.nextInt(200 * 24 * 60))));
        }
        VisitRate inOrder = fold(sessions.stream().sorted().toList());
        Collections.shuffle(sessions, random);
        VisitRate shuffled = fold(sessions);
        assertThat(shuffled.at()).isEqualTo(inOrder.at());
        assertThat(shuffled.weight()).isCloseTo(inOrder.weight(), within(1e-9));
        assertThat(shuffled.perMonth(NOW, 200)).isCloseTo(inOrder.perMonth(NOW, 200), within(1e-9));
    }

    @Test
    void a_customer_who_stopped_visiting_fades_and_one_who_never_came_is_zero() {
        VisitRate rate = VisitRate.NONE;
        for (int day = 365; day > 180; day -= 3) {
            rate = rate.plus(NOW.minus(Duration.ofDays(day)));
        }
        double then = rate.perMonth(NOW.minus(Duration.ofDays(180)), 185);
        double now = rate.perMonth(NOW, 365);
        assertThat(then).isGreaterThan(8);
        // 180 silent days at τ = 90 days: e^-2 of the weight is left
        assertThat(now).isLessThan(then * Math.exp(-2) * 1.01).isGreaterThan(0);
        assertThat(VisitRate.NONE.perMonth(NOW, 100)).isZero();
    }

    private static VisitRate fold(List<Instant> sessions) {
        VisitRate rate = VisitRate.NONE;
        for (Instant s : sessions) {
            rate = rate.plus(s);
        }
        return rate;
    }
}
