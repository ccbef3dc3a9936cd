package com.keepwell.domain.api;

/** How the served models scored over the last {@code days} days; answered by {@link ModelMonitoringView}. */
public record FindModelMonitoringQuery(int days) {

    public FindModelMonitoringQuery {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be 1-366, got " + days);
        }
    }
}
