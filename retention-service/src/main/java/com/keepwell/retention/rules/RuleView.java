package com.keepwell.retention.rules;

import java.time.Instant;

/** A rule as the API shows it: its id and version, who saved this version and when, and the definition. */
public record RuleView(String ruleId, int version, Instant changedAt, String changedBy, String changeNote,
        RuleDefinition definition) {
}
