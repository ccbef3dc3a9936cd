package com.keepwell.retention.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.keepwell.retention.saga.RetentionSettings;

import io.quarkus.runtime.StartupEvent;

/**
 * A starter rule set (resource {@code rules/starter-rules.json}, five incentives for five kinds of customer) that
 * an empty installation can begin with, so the embedded platform shows offers, holdouts and outcomes from its
 * first minutes. Saved as ordinary rule versions by "keepwell-starter"; marketers edit or disable them like any
 * other. Off unless {@code keepwell.retention.starter-rules} is true. The uplift evaluation runs with the same set.
 */
@ApplicationScoped
public class StarterRules {

    public static final String RESOURCE = "rules/starter-rules.json";
    private static final Logger LOG = Logger.getLogger(StarterRules.class);

    @Inject
    RuleStore store;

    @Inject
    RuleBook book;

    @Inject
    RetentionSettings settings;

    void onStart(@Observes StartupEvent event) {
        if (settings.starterRules() && store.list().isEmpty()) {
            List<RuleDefinition> rules = load();
            rules.forEach(rule -> store.create(rule, "keepwell-starter", "starter rule set"));
            book.invalidate();
            LOG.infof("no offer rules yet: saved the %d starter rules (edit or disable them at /api/rules)",
                    rules.size());
        }
    }

    /** The starter rules as definitions. */
    public static List<RuleDefinition> load() {
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        try (InputStream in = StarterRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return json.readValue(in, new TypeReference<List<RuleDefinition>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
