package com.keepwell.benchmarks;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.CustomerRegisteredEvent;
import com.keepwell.domain.api.CustomerSignedInEvent;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RiskReason;
import com.keepwell.domain.api.RiskScore;
import com.keepwell.domain.api.StorefrontEventId;
import com.keepwell.domain.customer.Customer;
import com.keepwell.infra.axon.AxonRuntime;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long loading a {@code Customer} aggregate from the event store takes (no cache: the case of the daily
 * re-score sweep, which touches every customer) for a stream of N events, without a snapshot (the baseline, in the
 * same run) and with one taken every {@code keepwell.axon.snapshot-after-events} events as the services do. The
 * streams are up to years of daily risk assessments with some sign-ins; storage engine and snapshotter are Axon's
 * JDBC ones on PostgreSQL, as in the services, and snapshots use {@link AxonRuntime#snapshotSerializer}. Writes its
 * section of docs/BENCHMARKS.md and docs/results/aggregate-benchmark.json.
 */
@Command(name = "aggregate-benchmark", mixinStandardHelpOptions = true)
public final class AggregateLoadBenchmark implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "200", description = "customers per stream length and variant")
    int customers;
    @Option(names = "--events", defaultValue = "100,1125,3125", split = ",",
            description = "stream lengths (1,125: about two years of daily scores and sign-ins, a snapshot at 1,000 + 125)")
    List<Integer> lengths;
    @Option(names = "--snapshot-after", defaultValue = "250") int snapshotAfter;
    @Option(names = "--docs", defaultValue = "docs") Path docs;
    @Option(names = "--command", defaultValue = "infra/benchmarks/aggregate-benchmark") String command;

    record Measured(int events, String variant, double meanMs, double p50Ms, double p99Ms) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AggregateLoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Measured> results = new ArrayList<>();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startThrowaway();
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(single(connection))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(JacksonSerializer.builder().objectMapper(mapper).build())
                    .snapshotSerializer(AxonRuntime.snapshotSerializer(mapper))
                    .build();
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(store)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .aggregateFactories(new GenericAggregateFactory<>(Customer.class)).build();
            EventSourcingRepository<Customer> repository = EventSourcingRepository.builder(Customer.class)
                    .eventStore(store).build();
            for (int length : lengths) {
                List<String> plain = new ArrayList<>();
                List<String> snapshotted = new ArrayList<>();
                for (int c = 0; c < customers; c++) {
                    plain.add(append(engine, "plain-" + length + "-" + c, 0, length));
                    // the snapshot the services would have taken last: at the last multiple of snapshot-after
                    String id = "snap-" + length + "-" + c;
                    int covered = length / snapshotAfter * snapshotAfter;
                    append(engine, id, 0, covered);
                    if (covered > 0) {
                        snapshotter.scheduleSnapshot(Customer.class, id);
                    }
                    snapshotted.add(append(engine, id, covered, length));
                }
                System.out.printf("aggregate-benchmark: %d customers x 2 with %d events each stored%n", customers,
                        length);
                load(repository, plain.subList(0, Math.min(20, plain.size()))); // warm-up
                load(repository, snapshotted.subList(0, Math.min(20, snapshotted.size())));
                double[] whole = new double[customers];
                double[] fromSnapshot = new double[customers];
                for (int c = 0; c < customers; c++) {
                    whole[c] = load(repository, List.of(plain.get(c)))[0];
                    fromSnapshot[c] = load(repository, List.of(snapshotted.get(c)))[0];
                }
                results.add(measured(length, "whole stream (baseline)", whole));
                results.add(measured(length, "snapshot + later events", fromSnapshot));
                System.out.printf("  %s%n  %s%n", results.get(results.size() - 2), results.get(results.size() - 1));
            }
        }
        write(results);
        return 0;
    }

    /** Appends events {@code from} to {@code to}: a registration, then risk assessments with a sign-in every third. */
    private static String append(JdbcEventStorageEngine engine, String id, int from, int to) {
        CustomerId customer = CustomerId.of(id);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<RiskReason> reasons = List.of(new RiskReason("NO_RECENT_ORDER", "days_since_last_order", 40.0, 0.7,
                "no order for 40 days"));
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            Instant at = t0.plus(Duration.ofHours(8L * seq));
            Object event = seq == 0
                    ? new CustomerRegisteredEvent(customer, StorefrontEventId.of(id + "-0"), at, "c@example.com", null,
                            null, null, "DE", "Europe/Berlin", "de", Map.of(ContactChannel.EMAIL, true))
                    : seq % 3 == 0
                            ? new CustomerSignedInEvent(customer, StorefrontEventId.of(id + "-" + seq), at, "web")
                            : new RiskAssessedEvent(customer, id + "-a" + seq, RiskScore.of(0.5), RiskBand.MEDIUM,
                                    RiskBand.MEDIUM, "m-1", "f-1", reasons, at, at);
            batch.add(new GenericDomainEventMessage<>("Customer", id, seq, event));
            if (batch.size() == 500) {
                engine.appendEvents(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            engine.appendEvents(batch);
        }
        return id;
    }

    private static double[] load(EventSourcingRepository<Customer> repository, List<String> ids) throws Exception {
        double[] ms = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            long started = System.nanoTime();
            DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.load(id));
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        return ms;
    }

    private static Measured measured(int events, String variant, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Measured(events, variant, Arrays.stream(ms).average().orElse(0),
                sorted[(int) (0.5 * (sorted.length - 1))], sorted[(int) Math.ceil(0.99 * (sorted.length - 1))]);
    }

    /** One connection for the single-threaded benchmark: Axon's close() after each statement leaves it open. */
    private static ConnectionProvider single(Connection connection) {
        Connection uncloseable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.invoke(connection, args));
        return () -> uncloseable;
    }

    private void write(List<Measured> results) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String begin = "<!-- aggregate-benchmark:begin -->";
        String end = "<!-- aggregate-benchmark:end -->";
        StringBuilder s = new StringBuilder(begin + "\n## Aggregate loads: a customer's stream, with and without a"
                + " snapshot\n\n");
        s.append("Command: `").append(command).append("`  \nMachine: ").append(Report.machine(cores)).append("  \n")
                .append("Date: ").append(LocalDate.now()).append("; ").append(customers)
                .append(" customers per row, each loaded once without a cache (as recording a re-score loads"
                        + " them), after a warm-up; Axon JDBC storage engine on embedded PostgreSQL, Jackson"
                        + " serializers (snapshots: the services' `AxonRuntime.snapshotSerializer`); the snapshot is where `keepwell.axon.snapshot-after-events` (")
                .append(snapshotAfter).append(") would have left it, at the last multiple of that count, and the"
                        + " events after it are read too. Baseline and snapshot loads alternate, so neither gains"
                        + " from going second.\n\n")
                .append("| events in the stream | load | mean ms | p50 ms | p99 ms |\n| ---: | --- | ---: | ---: | ---: |\n");
        for (Measured m : results) {
            s.append(String.format("| %,d | %s | %.2f | %.2f | %.2f |%n", m.events(), m.variant(), m.meanMs(),
                    m.p50Ms(), m.p99Ms()));
        }
        s.append("\nStreams: a registration, then risk assessments (the daily re-score) with a sign-in every third"
                + " event. Below `snapshot-after-events` no snapshot exists and both rows read the same stream; a"
                + " length halfway between two snapshots (1,125, 3,125) is the average case."
                + " Numbers in `docs/results/aggregate-benchmark.json`.\n").append(end).append("\n");
        Report.writeSection(docs, begin, end, s.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("machine", Report.machine(cores));
        json.put("customers", customers);
        json.put("snapshotAfterEvents", snapshotAfter);
        json.put("results", results);
        json.put("command", command);
        Report.writeResults(docs, "aggregate-benchmark", json);
    }
}
