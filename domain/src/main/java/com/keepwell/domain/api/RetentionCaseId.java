package com.keepwell.domain.api;

/**
 * One pass of a customer through retention: entering an actionable band opens a case, its outcome closes it. The
 * treatment/holdout assignment, the offer and the outcome all carry it, so analysis joins them without guessing.
 */
public record RetentionCaseId(String value) {

    public RetentionCaseId {
        Ids.require(value, "retention case id");
    }

    public static RetentionCaseId of(String value) {
        return new RetentionCaseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
