package com.keepwell.scoring.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends storefront events that cannot be recorded to {@code storefront.events.dlq}: the original key and bytes,
 * with the reason in headers. The send is confirmed by the broker before the original offset may be committed,
 * so an event is either recorded or dead-lettered, never dropped.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String CODE = "dlq-code";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String FAILED_AT = "dlq-failed-at";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_REASON_CHARS = 4000;

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry metrics;

    @Inject
    DeadLetters(@Channel("storefront-events-dlq") MutinyEmitter<byte[]> emitter, MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Blocks until the broker has the dead letter. */
    void send(ConsumerRecord<String, byte[]> record, String code, String reason) {
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, shortReason.getBytes(StandardCharsets.UTF_8));
        headers.add(CODE, code.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGINAL_PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGINAL_OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(FAILED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        byte[] value = record.value() == null ? new byte[0] : record.value();
        emitter.sendMessageAndAwait(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build()));
        metrics.counter("keepwell.ingest.dead_letters", "code", code).increment();
        LOG.warnf("dead-lettered %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), code,
                shortReason);
    }
}
