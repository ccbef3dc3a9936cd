package com.keepwell.retention.rules;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.keepwell.retention.saga.RetentionSettings;

import dev.cel.runtime.CelRuntime;

/**
 * The rules in force, compiled once: reloaded when older than the refresh interval (another instance may have
 * saved a rule) or when this instance saved one.
 */
@ApplicationScoped
public class RuleBook {

    /** A rule ready to evaluate. */
    public record ActiveRule(String ruleId, int version, RuleDefinition definition, CelRuntime.Program eligibility) {
    }

    private final RuleStore store;
    private final RetentionSettings settings;
    private volatile List<ActiveRule> rules = List.of();
    private volatile Instant loadedAt = Instant.MIN;

    @Inject
    public RuleBook(RuleStore store, RetentionSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The enabled rules active at {@code at}. */
    public List<ActiveRule> activeAt(Instant at) {
        Instant now = Instant.now();
        if (loadedAt.plus(settings.ruleRefreshInterval()).isBefore(now)) {
            rules = store.list().stream()
                    .map(view -> new ActiveRule(view.ruleId(), view.version(), view.definition(),
                            Eligibility.compile(view.definition().eligibility()).program()))
                    .filter(rule -> rule.eligibility() != null)
                    .toList();
            loadedAt = now;
        }
        return rules.stream().filter(rule -> rule.definition().activeAt(at)).toList();
    }

    /** Forget the cache: the next call reloads. */
    public void invalidate() {
        loadedAt = Instant.MIN;
    }
}
