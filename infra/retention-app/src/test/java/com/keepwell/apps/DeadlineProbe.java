package com.keepwell.apps;

import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.axonframework.modelling.saga.SagaScopeDescriptor;

import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.retention.saga.RetentionSaga;

/**
 * A deadline due at once, addressed to a retention saga that does not exist (firing it changes nothing), and a look
 * at db-scheduler's table for whether it has fired yet.
 */
final class DeadlineProbe {

    private DeadlineProbe() {
    }

    /** Schedules the probe; returns its id, which is db-scheduler's task instance. */
    static String scheduleDueNow(AxonRuntime axon) {
        return axon.configuration().deadlineManager().schedule(Instant.now(), "probe", "probe",
                new SagaScopeDescriptor(RetentionSaga.class.getName(), "no-such-case"));
    }

    /** Whether the probe is still waiting to fire (a fired one-time task leaves the table). */
    static boolean pending(DataSource dataSource, String id) throws SQLException {
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")) {
            s.setString(1, id);
            var rows = s.executeQuery();
            rows.next();
            return rows.getInt(1) == 1;
        }
    }
}
