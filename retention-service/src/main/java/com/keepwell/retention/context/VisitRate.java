package com.keepwell.retention.context;

import java.time.Duration;
import java.time.Instant;

/**
 * How often a customer visits, as an exponentially decayed count of sessions: each session weighs
 * exp(−age / {@link #MEMORY}), so the last three months count most and a customer who slowed down shows it.
 * The state is two numbers (the weight and the instant it refers to), so the projection keeps it in its row and
 * updates it in one statement. Adding visits commutes: a session that arrives late adds what it would have added
 * on time.
 *
 * <p>For a customer visiting at a steady r per day for T days, the weight tends to r · τ · (1 − e^(−T/τ)), so
 * {@link #perMonth} divides by that to give r × 30 whatever the tenure (at least 30 days counted, as in
 * {@link CustomerContext#valueEstimate}).
 *
 * @param weight the decayed session count, as of {@code at}
 * @param at     the instant the weight refers to (the newest session's); null when there is none
 */
public record VisitRate(double weight, Instant at) {

    /** τ of the decay: a session 90 days old weighs e⁻¹ ≈ 0.37 of one today. */
    public static final Duration MEMORY = Duration.ofDays(90);
    public static final VisitRate NONE = new VisitRate(0, null);

    /** This rate with one more session at {@code visit}, in whatever order sessions arrive. */
    public VisitRate plus(Instant visit) {
        if (at == null) {
            return new VisitRate(1, visit);
        }
        return visit.isAfter(at)
                ? new VisitRate(weight * decay(at, visit) + 1, visit)
                : new VisitRate(weight + decay(visit, at), at);
    }

    /** Sessions per 30 days at {@code now}, for a customer first seen {@code tenureDays} ago. */
    public double perMonth(Instant now, long tenureDays) {
        if (at == null) {
            return 0;
        }
        double weightNow = now.isAfter(at) ? weight * decay(at, now) : weight;
        double memoryDays = MEMORY.toSeconds() / 86_400.0;
        double span = memoryDays * (1 - Math.exp(-Math.max(30, tenureDays) / memoryDays));
        return weightNow / span * 30;
    }

    private static double decay(Instant from, Instant to) {
        return Math.exp(-(double) Duration.between(from, to).toSeconds() / MEMORY.toSeconds());
    }
}
