package com.keepwell.retention.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.keepwell.retention.saga.RetentionSettings;

import dev.cel.runtime.CelRuntime;

/**
 * The rules in force: reloaded when older than the refresh interval (another instance may have saved a rule) or
 * when this instance saved one. An eligibility expression is compiled once, not at every reload: compiling CEL
 * builds a type-checking environment and took a fifth of the saga's CPU when every reload recompiled every rule.
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
    /** Raised by {@link #invalidate()}; the rules are stale while they were loaded under an older generation. */
    private final AtomicLong generation = new AtomicLong();
    private volatile long loadedGeneration = -1;
    /** Compiled programs by expression text, only those of the rules last loaded; guarded by {@code this}. */
    private Map<String, CelRuntime.Program> programs = Map.of();

    @Inject
    public RuleBook(RuleStore store, RetentionSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The enabled rules active at {@code at}. */
    public List<ActiveRule> activeAt(Instant at) {
        if (stale()) {
            synchronized (this) {
                // one thread reloads; the others wait for it rather than loading the same rows again
                if (stale()) {
                    reload();
                }
            }
        }
        return rules.stream().filter(rule -> rule.definition().activeAt(at)).toList();
    }

    /** Forget the cache: the next call reloads. */
    public void invalidate() {
        // a reload already running may have read the rows before the save: it must not count as current
        generation.incrementAndGet();
    }

    private boolean stale() {
        return loadedGeneration != generation.get()
                || loadedAt.plus(settings.ruleRefreshInterval()).isBefore(Instant.now());
    }

    private void reload() {
        long reading = generation.get();
        Instant now = Instant.now();
        Map<String, CelRuntime.Program> kept = new HashMap<>();
        List<ActiveRule> loaded = store.list().stream()
                .map(view -> new ActiveRule(view.ruleId(), view.version(), view.definition(),
                        program(view.definition().eligibility(), kept)))
                .filter(rule -> rule.eligibility() != null)
                .toList();
        programs = kept;
        rules = loaded;
        loadedAt = now;
        loadedGeneration = reading;
    }

    /** The program of {@code expression}, compiled now only if the rules last loaded did not have it. */
    private CelRuntime.Program program(String expression, Map<String, CelRuntime.Program> kept) {
        CelRuntime.Program program = programs.get(expression);
        if (program == null) {
            program = Eligibility.compile(expression).program();
        }
        if (program != null) {
            kept.put(expression, program);
        }
        return program;
    }
}
