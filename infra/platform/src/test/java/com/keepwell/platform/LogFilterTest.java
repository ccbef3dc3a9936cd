package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service's console log drops a stop's interrupted offset commit, and nothing else. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class LogFilterTest {

    @Test
    void the_console_handler_passes_over_an_offset_commit_interrupted_by_the_close() {
        List<Handler> consoles = new ArrayList<>();
        collectFiltered(LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        assertThat(consoles).as("a handler with a filter").isNotEmpty();

        LogRecord interrupted = new LogRecord(Level.WARNING, "SRMSG18252: Failed to commit"
                + " {retention.outcomes-0=OffsetAndMetadata{offset=4}}, it will be re-attempted");
        interrupted.setThrown(new org.apache.kafka.common.errors.WakeupException());
        LogRecord other = new LogRecord(Level.WARNING, "SRMSG18252: Failed to commit {}, it will be re-attempted");
        other.setThrown(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        assertThat(consoles).anySatisfy(h -> {
            assertThat(h.getFilter().isLoggable(interrupted)).isFalse();
            assertThat(h.getFilter().isLoggable(other)).isTrue();
        });
    }

    private static void collectFiltered(Handler[] handlers, List<Handler> into) {
        for (Handler handler : handlers) {
            if (handler.getFilter() != null) {
                into.add(handler);
            }
            if (handler instanceof ExtHandler ext) {
                collectFiltered(ext.getHandlers(), into);
            }
        }
    }
}
