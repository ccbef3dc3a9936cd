package com.keepwell.infra.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class CommitAtCloseFilterTest {

    private final CommitAtCloseFilter filter = new CommitAtCloseFilter();

    private static ExtLogRecord warning(String format, Object... params) {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, format, ExtLogRecord.FormatStyle.PRINTF,
                CommitAtCloseFilterTest.class.getName());
        record.setParameters(params);
        return record;
    }

    @Test
    void a_commit_interrupted_by_the_consumer_closing_is_not_logged() {
        assertThat(filter.isLoggable(warning("SRMSG18252: Failed to commit %s, it will be re-attempted: %s",
                "{retention.outcomes-0=OffsetAndMetadata{offset=4}}",
                "org.apache.kafka.common.errors.WakeupException"))).isFalse();
    }

    /** Stands for Kafka's, which this module does not depend on; the filter goes by the name. */
    static final class WakeupException extends RuntimeException {
    }

    @Test
    void a_commit_failure_carrying_the_wakeup_as_its_cause_is_not_logged_either() {
        ExtLogRecord record = warning("SRMSG18252: Failed to commit %s, it will be re-attempted",
                "{retention.outcomes-0=OffsetAndMetadata{offset=4}}");
        record.setThrown(new WakeupException());
        assertThat(filter.isLoggable(record)).isFalse();
    }

    @Test
    void other_commit_failures_and_other_warnings_are_logged() {
        assertThat(filter.isLoggable(warning("SRMSG18252: Failed to commit %s, it will be re-attempted: %s",
                "{storefront.events-3=OffsetAndMetadata{offset=9}}",
                "org.apache.kafka.common.errors.TimeoutException: Timeout of 60000ms expired"))).isTrue();
        assertThat(filter.isLoggable(warning("SRMSG18228: A failure has been reported for Kafka topics '%s'",
                "[retention.outcomes] WakeupException"))).isTrue();
    }
}
