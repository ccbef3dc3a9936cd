package com.keepwell.domain.api;

/** Which arm of the retention experiment a case belongs to: offered, or deliberately left alone to measure lift. */
public enum RetentionGroup {
    TREATMENT, HOLDOUT
}
