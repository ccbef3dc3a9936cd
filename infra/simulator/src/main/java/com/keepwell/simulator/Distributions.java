package com.keepwell.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** The few random distributions the generative model needs, drawn from a caller's own random stream. */
final class Distributions {

    private Distributions() {
    }

    static double normal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Marsaglia-Tsang; shape below 1 through the boost u^(1/shape). */
    static double gamma(SplittableRandom random, double shape, double scale) {
        if (shape < 1) {
            return gamma(random, shape + 1, scale) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(1 - random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }

    static double beta(SplittableRandom random, double a, double b) {
        double x = gamma(random, a, 1);
        return x / (x + gamma(random, b, 1));
    }

    static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Failures before the first success. */
    static int geometric(SplittableRandom random, double success) {
        return (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - success));
    }

    /** Shopping seasonality: about 25 % above average in mid-December, below in early summer. */
    static double seasonality(Instant at) {
        int dayOfYear = at.atZone(ZoneOffset.UTC).getDayOfYear();
        return 1 + 0.25 * Math.cos(2 * Math.PI * (dayOfYear - 350) / 365.0);
    }
}
