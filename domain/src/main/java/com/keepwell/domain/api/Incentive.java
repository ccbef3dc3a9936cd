package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The incentive of an offer: a percent discount ({@code percentOff} in (0, 100]), a fixed-amount coupon
 * ({@code amount}), free shipping, loyalty points ({@code points} &gt; 0) or a service call-back. Only the field its
 * type needs is set.
 */
public record Incentive(IncentiveType type, BigDecimal percentOff, Money amount, Integer points) {

    public Incentive {
        Objects.requireNonNull(type, "incentive type");
        switch (type) {
            case PERCENT_DISCOUNT -> {
                if (percentOff == null || percentOff.signum() <= 0 || percentOff.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("a percent discount needs percentOff in (0, 100], got " + percentOff);
                }
            }
            case FIXED_COUPON -> {
                if (amount == null || amount.amount().signum() <= 0) {
                    throw new IllegalArgumentException("a fixed coupon needs a positive amount with currency");
                }
            }
            case LOYALTY_POINTS -> {
                if (points == null || points <= 0) {
                    throw new IllegalArgumentException("loyalty points need a positive number of points, got " + points);
                }
            }
            default -> {
            }
        }
    }

    public static Incentive percentOff(String percent) {
        return new Incentive(IncentiveType.PERCENT_DISCOUNT, new BigDecimal(percent), null, null);
    }

    public static Incentive coupon(Money amount) {
        return new Incentive(IncentiveType.FIXED_COUPON, null, amount, null);
    }

    public static Incentive points(int points) {
        return new Incentive(IncentiveType.LOYALTY_POINTS, null, null, points);
    }

    public static Incentive of(IncentiveType type) {
        return new Incentive(type, null, null, null);
    }
}
