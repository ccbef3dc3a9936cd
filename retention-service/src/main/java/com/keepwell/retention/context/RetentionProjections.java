package com.keepwell.retention.context;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.keepwell.infra.axon.RebuildableProjections;

import io.quarkus.arc.Unremovable;

/**
 * The retention service's projection operators may rebuild: the customer context its rules and decisions read.
 * Not listed: the offer publisher (a replay would send every offer to Kafka again) and the arm statistics of
 * {@code retention-learning} (no reset handler yet; they could be replayed from the recorded outcomes).
 */
@ApplicationScoped
@Unremovable
public class RetentionProjections implements RebuildableProjections {

    @Override
    public List<String> processors() {
        return List.of(CustomerContextProjection.PROCESSOR);
    }
}
