package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionGroupAssignedEvent;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;
import com.keepwell.domain.api.RiskScore;
import com.keepwell.domain.api.RuleId;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Events stored before a field was added still read, with the field's documented default. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class EventCompatibilityTest {

    /** The mapper the event store's serializer copies. */
    @Inject
    ObjectMapper mapper;

    @Test
    void a_risk_assessment_stored_before_the_history_flags_reads_as_one_of_the_present() throws Exception {
        Instant at = Instant.parse("2026-11-01T06:00:00Z");
        RiskAssessedEvent now = new RiskAssessedEvent(CustomerId.of("c-old"), "a-1", RiskScore.of(0.96),
                RiskBand.HIGH, RiskBand.MEDIUM, "m-1", "f-1",
                List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 74.0, 0.8, "no order for 74 days")),
                at, at, true, true);
        ObjectNode stored = mapper.valueToTree(now);
        assertThat(stored.has("historical")).isTrue();
        stored.remove(List.of("historical", "previousHistorical"));

        RiskAssessedEvent read = mapper.treeToValue(stored, RiskAssessedEvent.class);

        assertThat(read.historical()).isFalse();
        assertThat(read.previousHistorical()).isFalse();
        assertThat(read.band()).isEqualTo(RiskBand.HIGH);
        assertThat(read.reasons()).isEqualTo(now.reasons());
    }

    @Test
    void an_outcome_stored_before_window_ends_were_recorded_settles_when_it_happened() throws Exception {
        Instant at = Instant.parse("2026-11-03T06:00:00Z");
        RetentionOutcomeRecordedEvent now = new RetentionOutcomeRecordedEvent(CustomerId.of("c-old"),
                RetentionCaseId.of("case-1"), null, RuleId.of("rule-1"), RetentionGroup.HOLDOUT, RiskBand.HIGH,
                RetentionOutcome.ORDERED_AGAIN, true, null, "o-1", at, at.plus(Duration.ofDays(12)));
        assertThat(now.settlesAt()).as("an early re-order settles when its window closes")
                .isEqualTo(at.plus(Duration.ofDays(12)));
        ObjectNode stored = mapper.valueToTree(now);
        assertThat(stored.has("windowEnds")).isTrue();
        stored.remove("windowEnds");

        RetentionOutcomeRecordedEvent read = mapper.treeToValue(stored, RetentionOutcomeRecordedEvent.class);

        assertThat(read.windowEnds()).isNull();
        assertThat(read.settlesAt()).isEqualTo(at);
        assertThat(read.retained()).isTrue();
    }

    @Test
    void an_assignment_stored_before_exploration_reads_as_chosen_by_value() throws Exception {
        RetentionGroupAssignedEvent now = new RetentionGroupAssignedEvent(CustomerId.of("c-old"),
                RetentionCaseId.of("case-1"), RuleId.of("rule-1"), 3, RetentionGroup.TREATMENT, RiskBand.HIGH,
                RiskScore.of(0.96), Instant.parse("2026-11-03T06:00:00Z"), true);
        ObjectNode stored = mapper.valueToTree(now);
        assertThat(stored.path("exploring").asBoolean()).isTrue();
        stored.remove("exploring");

        RetentionGroupAssignedEvent read = mapper.treeToValue(stored, RetentionGroupAssignedEvent.class);

        assertThat(read.exploring()).isFalse();
        assertThat(read.ruleVersion()).isEqualTo(3);
        assertThat(read.group()).isEqualTo(RetentionGroup.TREATMENT);
    }
}
