package com.keepwell.scoring.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.junit.jupiter.api.Test;

class StorefrontEventConsumerTest {

    @Test
    void only_failures_of_the_event_itself_count_as_poison() {
        assertThat(StorefrontEventConsumer.isCausedByTheEvent(
                new IllegalStateException("wrapped", new IllegalArgumentException("bad currency")))).isTrue();
        assertThat(StorefrontEventConsumer.isCausedByTheEvent(new NullPointerException())).isTrue();

        assertThat(StorefrontEventConsumer.isCausedByTheEvent(
                new NoHandlerForCommandException("shutting down"))).isFalse();
        assertThat(StorefrontEventConsumer.isCausedByTheEvent(
                new IllegalStateException("cannot buffer", new SQLException("connection refused")))).isFalse();
    }
}
