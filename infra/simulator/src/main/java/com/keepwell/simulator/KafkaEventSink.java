package com.keepwell.simulator;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/** Produces events to {@code storefront.events}, keyed by customer id, idempotently, acknowledged by all replicas. */
public final class KafkaEventSink implements EventSink {

    private static final Logger LOG = Logger.getLogger(KafkaEventSink.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public KafkaEventSink(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    @Override
    public void send(String customerId, byte[] cloudEvent) {
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, customerId, cloudEvent), (metadata, failure) -> {
            if (failure == null) {
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
                LOG.warnf("could not produce an event for %s: %s", customerId, failure.toString());
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public Counts counts() {
        return new Counts(sent.get(), accepted.get(), refused.get());
    }

    @Override
    public void close() {
        producer.close();
    }
}
