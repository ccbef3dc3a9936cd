package com.keepwell.infra.axon;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @ProcessingGroup} bean: its processor handles all events in one sequence instead of one per customer.
 * For projections whose rows are shared across customers (counters per rule, per day): segments working in parallel
 * would race for the same rows (lost updates, duplicate keys, deadlocks). Such projections handle few, cheap events.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SequentialProcessing {
}
