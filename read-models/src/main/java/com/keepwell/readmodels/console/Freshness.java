package com.keepwell.readmodels.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import com.keepwell.infra.axon.Processors;

/**
 * The line at the foot of every page: how current the data shown is ("data as of …, processor lag N events"), or
 * that a rebuild is under way.
 */
public record Freshness(String text, boolean stale) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static Freshness live(String text) {
        return new Freshness(text, false);
    }

    static Freshness of(List<Processors.State> states) {
        if (states.isEmpty()) {
            return new Freshness("Read models are not running in this process", true);
        }
        String text = states.stream().map(Freshness::describe).collect(Collectors.joining(" · "));
        boolean stale = states.stream().anyMatch(s -> s.replaying() || s.lag() > 1000 || s.error() != null
                || s.segments() == 0);
        return new Freshness(text, stale);
    }

    private static String describe(Processors.State s) {
        if (s.segments() == 0) {
            return s.name() + ": not processing in this instance (another instance holds its segments, or it is"
                    + " retrying after an error: see the log), lag " + s.lag() + " events";
        }
        if (s.replaying()) {
            return s.name() + ": rebuilding, " + Math.round(100 * (s.replayProgress() == null ? 0 : s.replayProgress()))
                    + " % replayed; figures are incomplete until it finishes";
        }
        String asOf = s.dataAsOf() == null ? "no events yet" : "data as of " + TIME.format(s.dataAsOf());
        return s.name() + ": " + asOf + ", processor lag " + s.lag() + (s.lag() == 1 ? " event" : " events")
                + (s.error() == null ? "" : ", failing: " + s.error());
    }

    static String format(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
