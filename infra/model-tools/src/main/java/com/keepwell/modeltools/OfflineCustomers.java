package com.keepwell.modeltools;

import java.time.Duration;
import java.util.function.Consumer;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import com.keepwell.domain.api.CustomerCommandRejectedException;
import com.keepwell.domain.customer.Customer;
import com.keepwell.infra.axon.CaffeineCache;

/**
 * The {@code Customer} aggregate in memory, for building training data from storefront events without a
 * database: commands go through the same aggregate (de-duplication, order-book rules) as on the platform, and the
 * events it records are handed to {@code sink} in order. Refused commands are counted, as ingestion would
 * dead-letter them.
 */
final class OfflineCustomers implements AutoCloseable {

    private final Configuration axon;
    private final CommandGateway commands;
    private long refused;

    OfflineCustomers(Consumer<Object> sink) {
        axon = DefaultConfigurer.defaultConfiguration()
                // every customer stays cached: the in-memory store answers an aggregate load by scanning all events
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Customer.class)
                        .configureCache(c -> new CaffeineCache(Long.MAX_VALUE, Duration.ofDays(365_000))))
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .buildConfiguration();
        axon.start();
        axon.eventStore().subscribe(messages -> messages.forEach(m -> sink.accept(m.getPayload())));
        commands = axon.commandGateway();
    }

    void record(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (CustomerCommandRejectedException e) {
            refused++;
        }
    }

    long refused() {
        return refused;
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
