package com.keepwell.infra.messaging;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops SmallRye Kafka's warning that an offset commit failed with a {@code WakeupException}. The Kafka client
 * throws that exception only when the consumer is woken up to close, so the warning only ever comes during a stop,
 * when a periodic commit meets the close. Nothing is lost: offsets not committed are delivered again after the
 * restart, and every consumer here records a message once. Any other commit failure is still logged.
 */
@LoggingFilter(name = "kafka-commit-at-close")
public final class CommitAtCloseFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.contains("SRMSG18252")) {
            return true;
        }
        return !(mentionsWakeup(message) || mentionsWakeup(record.getThrown())
                || (record.getParameters() != null
                        && Arrays.stream(record.getParameters()).anyMatch(CommitAtCloseFilter::mentionsWakeup)));
    }

    private static boolean mentionsWakeup(Object part) {
        return part != null && String.valueOf(part).contains("WakeupException");
    }
}
