package com.keepwell.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A retention instance that leaves the saga to other instances ({@code keepwell.axon.processors.disabled}) runs
 * its other processors but fires no saga deadline: the saga it would deliver the deadline to does not run here, so
 * a deadline fired here would be lost. (RetentionAppTest shows the same probe firing where the saga runs.)
 */
@QuarkusTest
@TestProfile(SagaElsewhereTest.SagaElsewhere.class)
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class SagaElsewhereTest {

    public static final class SagaElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("keepwell.axon.processors.disabled", "RetentionSagaProcessor");
        }
    }

    @Inject
    AxonRuntime axon;

    @Inject
    DataSource dataSource;

    @Test
    void the_other_processors_run_and_a_due_deadline_waits_for_an_instance_that_runs_the_saga() throws Exception {
        var processors = axon.configuration().eventProcessingConfiguration().eventProcessors();
        assertThat(processors).doesNotContainKey("RetentionSagaProcessor")
                .containsKeys("retention-customers", "retention-learning", "retention-offer-publisher");
        assertThat(processors.values()).allMatch(EventProcessor::isRunning);

        String probe = DeadlineProbe.scheduleDueNow(axon);
        assertThat(DeadlineProbe.pending(dataSource, probe)).as("scheduled").isTrue();
        // the test profile polls for due deadlines every second
        Thread.sleep(4_000);
        assertThat(DeadlineProbe.pending(dataSource, probe)).as("still waiting after four polling intervals").isTrue();
    }
}
