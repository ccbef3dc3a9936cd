package com.keepwell.scoring.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.keepwell.domain.storefront.StorefrontEvent;
import com.keepwell.infra.messaging.ConsumerGate;
import com.keepwell.infra.messaging.ConsumerGates;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code storefront.events} in batches. Invalid events and events the aggregate refuses go to the
 * dead-letter topic with their reason; the rest are recorded in one transaction. The batch is acknowledged
 * (its offsets become committable) only when every event in it is recorded or dead-lettered: at-least-once,
 * and idempotent on event ids, so a redelivered batch changes nothing.
 *
 * <p>When recording the batch fails for another reason (database unavailable, a concurrent writer), it is
 * retried with back-off, then event by event; an event that keeps failing on its own is dead-lettered so one
 * poison event cannot stall its partition. If even that fails, the exception stops the channel (failure
 * strategy {@code fail}): nothing is committed, and the batch is delivered again after restart.
 *
 * <p>Shutdown closes its {@link ConsumerGate} ({@link ConsumerGates}) before Axon stops: the batch in hand is
 * recorded, later ones wait for the restart.
 */
@ApplicationScoped
public class StorefrontEventConsumer {

    private static final Logger LOG = Logger.getLogger(StorefrontEventConsumer.class);

    private final StorefrontEventParser parser;
    private final StorefrontIngestion ingestion;
    private final DeadLetters deadLetters;
    private final int attempts;
    private final Duration backoff;
    private final boolean batchTransactions;
    private final ConsumerGate gate;

    @Inject
    StorefrontEventConsumer(StorefrontEventParser parser, StorefrontIngestion ingestion, DeadLetters deadLetters,
            @ConfigProperty(name = "keepwell.ingest.batch-attempts", defaultValue = "5") int attempts,
            @ConfigProperty(name = "keepwell.ingest.retry-backoff", defaultValue = "200ms") Duration backoff,
            @ConfigProperty(name = "keepwell.ingest.batch-transactions", defaultValue = "true")
            boolean batchTransactions, ConsumerGates gates) {
        this.parser = parser;
        this.ingestion = ingestion;
        this.deadLetters = deadLetters;
        this.attempts = attempts;
        this.backoff = backoff;
        this.batchTransactions = batchTransactions;
        this.gate = gates.open();
    }

    @Incoming("storefront-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(ConsumerRecords<String, byte[]> batch) {
        return gate.handle(() -> record(batch));
    }

    private void record(ConsumerRecords<String, byte[]> batch) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>(records.size());
        List<StorefrontEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            ParsedEvent parsed = parser.parse(record.value());
            if (!parsed.isValid()) {
                deadLetters.send(record, "INVALID_EVENT", parsed.reason());
            } else if (record.key() != null && !record.key().equals(parsed.event().subject())) {
                deadLetters.send(record, "INVALID_EVENT", "/subject: is '" + parsed.event().subject()
                        + "' but the record key is '" + record.key() + "'; key storefront events by customer id");
            } else {
                accepted.add(record);
                events.add(parsed.event());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        if (batchTransactions) {
            recordWithRetries(accepted, events);
        } else {
            // the naive baseline the ingest benchmark compares against: one command, one transaction per event
            for (int i = 0; i < events.size(); i++) {
                recordWithRetries(List.of(accepted.get(i)), List.of(events.get(i)));
            }
        }
    }

    private void recordWithRetries(List<ConsumerRecord<String, byte[]>> records, List<StorefrontEvent> events) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                deadLetterRefused(records, ingestion.ingest(events));
                return;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("recording a batch of %d storefront events failed (attempt %d of %d): %s", events.size(),
                        attempt, attempts, e.toString());
                pause(attempt);
            }
        }
        LOG.warnf(last, "recording the batch keeps failing; recording its %d events one by one", events.size());
        for (int i = 0; i < events.size(); i++) {
            recordAlone(records.get(i), events.get(i));
        }
    }

    private void recordAlone(ConsumerRecord<String, byte[]> record, StorefrontEvent event) {
        try {
            deadLetterRefused(List.of(record), ingestion.ingest(List.of(event)));
        } catch (RuntimeException alone) {
            if (!isCausedByTheEvent(alone) || !ingestion.storeReachable()) {
                // not this event's fault (database down, shutting down): fail the channel, commit nothing
                throw new IllegalStateException("cannot record storefront events now", alone);
            }
            deadLetters.send(record, "PROCESSING_FAILED", alone.toString());
        }
    }

    /** Failures an event's own content causes when it becomes a command; anything else is infrastructure. */
    static boolean isCausedByTheEvent(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IllegalArgumentException || root instanceof NullPointerException
                || root instanceof ArithmeticException || root instanceof java.time.DateTimeException
                || root instanceof ClassCastException;
    }

    private void deadLetterRefused(List<ConsumerRecord<String, byte[]>> records, List<Outcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.isRejected()) {
                deadLetters.send(records.get(i), outcome.code().name(), outcome.reason());
            }
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
