package com.keepwell.domain.api;

/** Identifies a marketer's offer rule across its versions. */
public record RuleId(String value) {

    public RuleId {
        Ids.require(value, "rule id");
    }

    public static RuleId of(String value) {
        return new RuleId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
