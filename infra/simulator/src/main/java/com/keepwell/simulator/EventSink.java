package com.keepwell.simulator;

/** Where generated or replayed storefront events go: a Kafka topic, the HTTP ingest API, or a file. */
public interface EventSink extends AutoCloseable {

    /** Hands over one CloudEvent JSON document for {@code customerId}; may buffer. */
    void send(String customerId, byte[] cloudEvent);

    /** Blocks until everything sent so far is acknowledged by the target. */
    void flush();

    /** Counts so far: handed over, acknowledged by the target, refused by it. */
    Counts counts();

    @Override
    void close();

    record Counts(long sent, long accepted, long refused) {
    }
}
