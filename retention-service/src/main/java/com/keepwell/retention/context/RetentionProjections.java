package com.keepwell.retention.context;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.keepwell.infra.axon.RebuildableProjections;
import com.keepwell.retention.learning.ArmStats;

import io.quarkus.arc.Unremovable;

/**
 * The retention service's projections operators may rebuild: the customer context its rules and decisions read, and
 * the arm statistics offer choice learns from (both wait for a running rebuild rather than decide on part of the
 * data). Not listed: the offer publisher, whose replay would send every offer to Kafka again.
 */
@ApplicationScoped
@Unremovable
public class RetentionProjections implements RebuildableProjections {

    @Override
    public List<String> processors() {
        return List.of(CustomerContextProjection.PROCESSOR, ArmStats.PROCESSOR);
    }
}
