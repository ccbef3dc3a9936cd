package com.keepwell.domain.api;

/**
 * A customer's tier by lifetime net revenue (in the shop's currency): {@code BRONZE} below 100, {@code SILVER} from
 * 100, {@code GOLD} from 400, {@code PLATINUM} from 1,000. Marketers' eligibility expressions and agents' worklist
 * filters use the same thresholds.
 */
public enum CustomerTier {
    BRONZE,
    SILVER,
    GOLD,
    PLATINUM;

    public static CustomerTier ofLifetimeValue(double lifetimeValue) {
        if (lifetimeValue >= 1000) {
            return PLATINUM;
        }
        if (lifetimeValue >= 400) {
            return GOLD;
        }
        return lifetimeValue >= 100 ? SILVER : BRONZE;
    }
}
