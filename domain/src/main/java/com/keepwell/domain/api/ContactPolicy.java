package com.keepwell.domain.api;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The limits on contacting one customer with offers, enforced by the {@code Customer} aggregate: at most
 * {@code maxOffers} within {@code capWindow}, none within {@code cooldown} of the previous one, none during quiet
 * hours ({@code quietFrom} to {@code quietUntil}, in the customer's time zone, may wrap midnight), and never while an
 * earlier offer is still open. The retention service configures the values; the aggregate applies them.
 */
public record ContactPolicy(int maxOffers, Duration capWindow, Duration cooldown, LocalTime quietFrom,
        LocalTime quietUntil) {

    public ContactPolicy {
        Objects.requireNonNull(capWindow, "cap window");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(quietFrom, "quiet hours start");
        Objects.requireNonNull(quietUntil, "quiet hours end");
        if (maxOffers < 1) {
            throw new IllegalArgumentException("max offers per window must be at least 1, got " + maxOffers);
        }
        if (capWindow.isNegative() || capWindow.isZero() || cooldown.isNegative()) {
            throw new IllegalArgumentException("cap window must be positive and cooldown not negative");
        }
    }

    /** Two offers per 30 days, 7 days apart, none between 21:00 and 08:00 local time. */
    public static ContactPolicy defaults() {
        return new ContactPolicy(2, Duration.ofDays(30), Duration.ofDays(7), LocalTime.of(21, 0), LocalTime.of(8, 0));
    }

    /** Whether {@code local} falls in the quiet hours. */
    public boolean isQuiet(LocalTime local) {
        if (quietFrom.equals(quietUntil)) {
            return false;
        }
        return quietFrom.isBefore(quietUntil)
                ? !local.isBefore(quietFrom) && local.isBefore(quietUntil)
                : !local.isBefore(quietFrom) || local.isBefore(quietUntil);
    }
}
