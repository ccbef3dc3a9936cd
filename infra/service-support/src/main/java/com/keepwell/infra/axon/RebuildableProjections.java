package com.keepwell.infra.axon;

import java.util.List;

/**
 * A service's projections that operators may rebuild from the event store through {@code /api/admin/projections}:
 * a CDI bean implementing this, one per module. Each named processor's handlers must support a reset (their
 * {@code @ResetHandler}s clear the tables they fill). Other processors (features, sagas, outboxes) are not listed:
 * replaying them would act on the past again.
 */
public interface RebuildableProjections {

    /** Processor names, in the order operators see them. */
    List<String> processors();
}
