package com.keepwell.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Parameters of the generative model. Defaults give an online shop where a typical customer visits a few times a
 * month, buys about once a month, and an active customer's true 30-day churn probability averages about 14 %. See docs/simulator.md.
 *
 * @param seed                 everything random derives from it: the same seed gives the same event stream
 * @param customers            how many customers ever arrive
 * @param start                simulated time of the first event
 * @param duration             how long the simulation runs (simulated time)
 * @param initialShare         share of customers already present at {@code start}; the rest arrive uniformly
 * @param meanSessionsPerDay   mean of the Gamma-distributed base visit rate
 * @param meanOrderValue       median order value (lognormal), in EUR
 * @param baseChurnPerDay      median base churn hazard per day (lognormal across customers)
 * @param chineseShare         share of customers who write reviews and tickets in Chinese
 * @param truthHorizon         horizon of the true churn probability in the ground truth
 * @param truthAt              simulated times at which every alive customer's true churn probability is recorded
 */
public record SimulationSettings(long seed, int customers, Instant start, Duration duration, double initialShare,
        double meanSessionsPerDay, double meanOrderValue, double baseChurnPerDay, double chineseShare,
        Duration truthHorizon, List<Instant> truthAt) {

    public SimulationSettings {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        truthAt = List.copyOf(truthAt);
    }

    public static SimulationSettings defaults(long seed, int customers, Instant start, Duration duration) {
        return new SimulationSettings(seed, customers, start, duration, 0.6, 0.15, 45.0, 0.0035, 0.15,
                Duration.ofDays(30), List.of(start.plus(duration.dividedBy(2)), start.plus(duration)));
    }

    public Instant end() {
        return start.plus(duration);
    }

    public SimulationSettings withTruthHorizon(Duration horizon) {
        return new SimulationSettings(seed, customers, start, duration, initialShare, meanSessionsPerDay,
                meanOrderValue, baseChurnPerDay, chineseShare, horizon, truthAt);
    }

    public SimulationSettings withTruthAt(List<Instant> times) {
        return new SimulationSettings(seed, customers, start, duration, initialShare, meanSessionsPerDay,
                meanOrderValue, baseChurnPerDay, chineseShare, truthHorizon, times);
    }
}
