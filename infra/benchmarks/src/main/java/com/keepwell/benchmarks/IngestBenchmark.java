package com.keepwell.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.keepwell.infra.embedded.EmbeddedKafkaBroker;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;
import com.keepwell.simulator.CloudEvents;
import com.keepwell.simulator.KafkaEventSink;
import com.keepwell.simulator.SimEvent;
import com.keepwell.simulator.SimulationSettings;
import com.keepwell.simulator.StorefrontSimulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures storefront events/s from Kafka into the event store on PostgreSQL, through the real platform
 * (started as its own process against a Kafka broker and PostgreSQL that this benchmark owns). Three runs in one
 * invocation: the naive baseline (one command, one transaction per event) and the batched ingestion, each draining
 * the same pre-produced backlog of simulated traffic; then the batched ingestion fed at a fixed rate, for the time
 * from produce to stored event and for the count check (every produced event stored, none dead-lettered).
 * "Stored" means committed: PostgreSQL's commit timestamps ({@code track_commit_timestamp}) of the event store and
 * clickstream rows give both throughput windows and latencies, independent of the platform's own reporting.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true)
public final class IngestBenchmark implements Callable<Integer> {

    private static final String BACKLOG_TOPIC = "bench.backlog";
    private static final String LATENCY_TOPIC = "bench.latency";
    private static final String DLQ_TOPIC = "storefront.events.dlq";
    private static final int SAMPLE_EVERY = 10;

    @Option(names = "--platform-jar", required = true)
    Path platformJar;

    @Option(names = "--command", defaultValue = "infra/benchmarks/ingest-benchmark")
    String command;

    @Option(names = "--warmup", defaultValue = "15s", converter = DurationConverter.class)
    Duration warmup;

    @Option(names = "--measure", defaultValue = "60s", converter = DurationConverter.class)
    Duration measure;

    @Option(names = "--latency-rate", defaultValue = "0", description = "Events/s of the latency run; 0 (the default) "
            + "runs it at half the batched run's throughput, a rate the platform can sustain")
    int latencyRate;

    @Option(names = "--backlog-events", defaultValue = "2000000")
    long backlogEvents;

    @Option(names = "--customers", defaultValue = "20000")
    int customers;

    @Option(names = "--output", defaultValue = "docs")
    Path output;

    @Option(names = "--jdbc-url", description = "Use this PostgreSQL server instead of an embedded one, e.g. "
            + "jdbc:postgresql://db:5432/postgres; it needs track_commit_timestamp=on and leave to create databases")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "")
    String jdbcPassword;

    @Option(names = "--latency-only", description = "Skip the throughput runs (diagnostics; writes no report)")
    boolean latencyOnly;

    private String databaseSuffix = "";

    /** The server the platform writes to: embedded, or configured with --jdbc-url. */
    record Postgres(String adminUrl, String user, String password) {

        String database(String name, String suffix) {
            String db = "bench_" + name + suffix;
            return adminUrl.matches(".*/[^/?]*\\?.*") ? adminUrl.replaceFirst("/[^/?]*\\?", "/" + db + "?")
                    : adminUrl.replaceFirst("/[^/?]*$", "/" + db);
        }

        Connection connect(String url) throws Exception {
            return DriverManager.getConnection(url, user, password);
        }

        void execute(String sql) throws Exception {
            try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    public static void main(String... args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    /**
     * What one throughput run measured; {@code processors} is how the event processors kept pace meanwhile with the
     * event store, which grew by {@code storeGrowthPerSecond} (storefront events and the platform's own: risk
     * assessments, offers, outcomes).
     */
    record Throughput(String name, double eventsPerSecond, long storedInWindow, long lagAtEnd,
            double storeGrowthPerSecond, List<ProcessorPace> processors) {
    }

    /** What the fixed-rate run measured; {@code processors}: their backlogs once ingestion had drained Kafka. */
    record Latency(int rate, long produced, long stored, long deadLettered, long maxLag, double p50Ms, double p99Ms,
            int samples, long warmupSeconds, List<ProcessorPace> processors) {

        OptionalLong backlogOf(String processor) {
            return processors.stream().filter(p -> p.name().equals(processor))
                    .mapToLong(ProcessorPace::backlogAtEnd).findFirst();
        }
    }

    /**
     * One Axon event processor over a window: event-store events it handled per second and its backlog at the end
     * (events stored after its slowest segment). By global index, which may have gaps, so both are upper bounds.
     */
    record ProcessorPace(String name, double eventsPerSecond, long backlogAtEnd) {
    }

    /** Where every processor's slowest segment stands, and the head of the event store, at one moment. */
    record Positions(Instant at, long head, Map<String, Long> processors) {

        List<ProcessorPace> since(Positions start) {
            double seconds = secondsSince(start);
            return processors.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new ProcessorPace(
                    e.getKey(), (e.getValue() - start.processors.getOrDefault(e.getKey(), e.getValue())) / seconds,
                    Math.max(0, head - e.getValue()))).toList();
        }

        double storeGrowthPerSecondSince(Positions start) {
            return (head - start.head) / secondsSince(start);
        }

        private double secondsSince(Positions start) {
            return Math.max(1e-3, Duration.between(start.at, at).toMillis() / 1000.0);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("keepwell-ingest-benchmark");
        // durable commits; WAL and checkpoint sizing as any write-heavy PostgreSQL is tuned
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"));
                EmbeddedPostgresServer embedded = jdbcUrl != null ? null : EmbeddedPostgresServer.startThrowaway(Map.of(
                        "track_commit_timestamp", "on", "shared_buffers", "256MB", "synchronous_commit", "on",
                        "max_wal_size", "4GB", "checkpoint_timeout", "15min", "checkpoint_completion_target", "0.9"))) {
            if (embedded != null) {
                jdbcUrl = embedded.jdbcUrl();
                jdbcUser = EmbeddedPostgresServer.USER;
                jdbcPassword = "";
            }
            Postgres postgres = new Postgres(jdbcUrl, jdbcUser, jdbcPassword);
            kafka.createTopics(Map.of(BACKLOG_TOPIC, 8, LATENCY_TOPIC, 8, DLQ_TOPIC, 1));
            String suffix = "_" + Long.toString(System.currentTimeMillis(), 36);
            for (String database : List.of("baseline", "batched", "alone", "latency")) {
                postgres.execute("CREATE DATABASE bench_" + database + suffix);
            }
            databaseSuffix = suffix;
            if (latencyOnly) {
                Latency latency = latencyRun(kafka, postgres, work);
                System.out.printf("at %,d events/s p50 %.0f ms, p99 %.0f ms, max lag %,d%n", latency.rate(),
                        latency.p50Ms(), latency.p99Ms(), latency.maxLag());
                return 0;
            }
            long produced = produceBacklog(kafka);
            System.out.printf("backlog: %,d simulated storefront events in %s%n", produced, BACKLOG_TOPIC);

            Throughput baseline = throughputRun("baseline", false, Map.of(), kafka, postgres, work);
            Throughput batched = throughputRun("batched", true, Map.of(), kafka, postgres, work);
            // the same ingestion with the event processors left to "other instances": what ingestion itself does
            String processorNames = String.join(",", batched.processors().stream().map(ProcessorPace::name).toList());
            Throughput alone = throughputRun("alone", true, Map.of("keepwell.axon.processors.disabled", processorNames),
                    kafka, postgres, work);
            if (latencyRate <= 0) {
                latencyRate = (int) Math.max(100, Math.floor(batched.eventsPerSecond() / 2 / 100) * 100);
            }
            Latency latency = latencyRun(kafka, postgres, work);
            Report.write(output, command, baseline, batched, alone, latency, warmup, measure);
            System.out.printf("baseline %,.0f events/s, batched %,.0f events/s; at %,d events/s p50 %.0f ms, p99 %.0f ms;"
                    + " produced %,d, stored %,d, dead-lettered %,d%n", baseline.eventsPerSecond(),
                    batched.eventsPerSecond(), latency.rate(), latency.p50Ms(), latency.p99Ms(), latency.produced(),
                    latency.stored(), latency.deadLettered());
        }
        return 0;
    }

    private long produceBacklog(EmbeddedKafkaBroker kafka) {
        StorefrontSimulator simulator = simulator(1);
        long count = 0;
        long started = System.nanoTime();
        try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrapServers(), BACKLOG_TOPIC)) {
            while (count < backlogEvents && simulator.hasNext()) {
                SimEvent event = simulator.next();
                sink.send(event.customerId(), CloudEvents.toJson(event, "/benchmark"));
                if (++count % 250_000 == 0) {
                    System.out.printf("backlog: %,d events (%,.0f/s)%n", count, count / seconds(started));
                }
            }
            sink.flush();
        }
        return count;
    }

    private StorefrontSimulator simulator(long seed) {
        Instant start = Instant.now().minus(Duration.ofDays(366));
        return new StorefrontSimulator(SimulationSettings.defaults(seed, customers, start, Duration.ofDays(365)));
    }

    private Throughput throughputRun(String name, boolean batchTransactions, Map<String, String> extraSettings,
            EmbeddedKafkaBroker kafka, Postgres postgres, Path work) throws Exception {
        String database = postgres.database(name, databaseSuffix);
        Map<String, String> settings = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", database,
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "mp.messaging.incoming.storefront-events.topic", BACKLOG_TOPIC,
                "mp.messaging.incoming.storefront-events.group.id", "bench-" + name,
                "keepwell.ingest.batch-transactions", String.valueOf(batchTransactions)));
        settings.putAll(extraSettings);
        try (PlatformProcess platform = PlatformProcess.start(platformJar, work.resolve(name + ".log"), settings)) {
            System.out.printf("%s: platform up; warming up for %s%n", name, warmup);
            Thread.sleep(warmup.toMillis());
            Positions start = positions(postgres, database);
            Instant from = Instant.now();
            System.out.printf("%s: measuring for %s%n", name, measure);
            Thread.sleep(measure.toMillis());
            Instant to = Instant.now();
            Positions end = positions(postgres, database);
            List<ProcessorPace> processors = end.since(start);
            double storeGrowth = end.storeGrowthPerSecondSince(start);
            long lag = lag(kafka, BACKLOG_TOPIC, "bench-" + name);
            long stored = committedBetween(postgres, database, from, to);
            double rate = stored / (Duration.between(from, to).toMillis() / 1000.0);
            System.out.printf("%s: %,.0f events/s (%,d stored in the window, lag %,d at its end)%n", name, rate, stored,
                    lag);
            if (lag == 0) {
                System.out.printf("%s: WARNING the backlog ran out inside the window; raise --backlog-events%n", name);
            }
            System.out.printf("%s: event store grew %,.0f events/s%n", name, storeGrowth);
            processors.forEach(p -> System.out.printf("%s:   %-28s %,8.0f events/s, backlog %,d%n", name, p.name(),
                    p.eventsPerSecond(), p.backlogAtEnd()));
            return new Throughput(name, rate, stored, lag, storeGrowth, processors);
        }
    }

    private Latency latencyRun(EmbeddedKafkaBroker kafka, Postgres postgres, Path work) throws Exception {
        String database = postgres.database("latency", databaseSuffix);
        String group = "bench-latency";
        Map<String, Long> producedAtMicros = new HashMap<>();
        Positions measureStart = null;
        List<ProcessorPace> processors;
        long produced = 0;
        long maxLag = 0;
        Duration warmedUpAfter = Duration.ZERO;
        try (PlatformProcess platform = PlatformProcess.start(platformJar, work.resolve("latency.log"), Map.of(
                "quarkus.datasource.jdbc.url", database,
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "mp.messaging.incoming.storefront-events.topic", LATENCY_TOPIC,
                "mp.messaging.incoming.storefront-events.group.id", group,
                "keepwell.ingest.batch-transactions", "true"));
                KafkaEventSink sink = new KafkaEventSink(kafka.bootstrapServers(), LATENCY_TOPIC)) {
            System.out.printf("latency: producing %,d events/s%n", latencyRate);
            StorefrontSimulator simulator = simulator(2);
            // warm-up lasts at least --warmup and until the consumer has caught up with what start-up left behind
            long started = System.nanoTime();
            long minimumWarmupEnd = started + warmup.toNanos();
            long maximumWarmupEnd = started + warmup.toNanos() + TimeUnit.SECONDS.toNanos(180);
            long measureEnd = Long.MAX_VALUE;
            long nextLagCheck = started;
            while (System.nanoTime() < measureEnd && simulator.hasNext()) {
                SimEvent event = simulator.next();
                long due = started + (long) (produced * 1e9 / latencyRate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean measuring = measureEnd != Long.MAX_VALUE;
                if (measuring && produced % SAMPLE_EVERY == 0) {
                    producedAtMicros.put(event.id(), nowMicros());
                }
                sink.send(event.customerId(), CloudEvents.toJson(event, "/benchmark"));
                produced++;
                if (System.nanoTime() > nextLagCheck) {
                    long lag = lag(kafka, LATENCY_TOPIC, group);
                    nextLagCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    if (measuring) {
                        maxLag = Math.max(maxLag, lag);
                    } else if (System.nanoTime() > minimumWarmupEnd
                            && (lag <= latencyRate / 2 || System.nanoTime() > maximumWarmupEnd)) {
                        warmedUpAfter = Duration.ofNanos(System.nanoTime() - started);
                        measureStart = positions(postgres, database);
                        measureEnd = System.nanoTime() + measure.toNanos();
                        System.out.printf("latency: warmed up after %d s (lag %,d); measuring for %s%n",
                                warmedUpAfter.toSeconds(), lag, measure);
                    }
                }
            }
            sink.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (lag(kafka, LATENCY_TOPIC, group) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Thread.sleep(2000);
            Positions end = positions(postgres, database);
            processors = end.since(measureStart == null ? end : measureStart);
            processors.forEach(p -> System.out.printf("latency:   %-28s %,8.0f events/s since warm-up, backlog %,d once"
                    + " Kafka was drained%n", p.name(), p.eventsPerSecond(), p.backlogAtEnd()));
        }
        long stored = committedBetween(postgres, database, Instant.EPOCH, Instant.now().plusSeconds(60));
        List<Double> latencies = latenciesMs(postgres, database, producedAtMicros);
        long deadLettered = endOffsets(kafka, DLQ_TOPIC);
        return new Latency(latencyRate, produced, stored, deadLettered, maxLag, percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.size(), warmedUpAfter.toSeconds(), processors);
    }

    /**
     * Storefront events committed in the window: event-store rows recorded from a storefront event (they carry its
     * id; the platform's own events, such as risk assessments and offers, do not) plus buffered clickstream rows.
     */
    private static long committedBetween(Postgres postgres, String database, Instant from, Instant to)
            throws Exception {
        String window = " WHERE pg_xact_commit_timestamp(xmin) BETWEEN to_timestamp(" + from.toEpochMilli() / 1000.0
                + ") AND to_timestamp(" + to.toEpochMilli() / 1000.0 + ")";
        return single(postgres, database, "SELECT (SELECT count(*) FROM domainevententry" + window
                + " AND convert_from(payload, 'UTF8')::jsonb ? 'sourceEventId')"
                + " + (SELECT count(*) FROM clickstream_view" + window + ")");
    }

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /**
     * Every event processor's position (its slowest segment's global index; a replay token's lower index) and the
     * event store's head, read from Axon's token store in the platform's database.
     */
    private static Positions positions(Postgres postgres, String database) throws Exception {
        Map<String, Long> processors = new HashMap<>();
        long head;
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT processorname, convert_from(token, 'UTF8') FROM tokenentry")) {
                while (rows.next()) {
                    Matcher m = TOKEN_INDEX.matcher(rows.getString(2) == null ? "" : rows.getString(2));
                    long position = -1;
                    while (m.find()) {
                        long index = Long.parseLong(m.group(1));
                        position = position < 0 ? index : Math.min(position, index);
                    }
                    processors.merge(rows.getString(1), position, Math::min);
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT COALESCE(max(globalindex), 0) FROM domainevententry")) {
                rows.next();
                head = rows.getLong(1);
            }
        }
        return new Positions(Instant.now(), head, processors);
    }

    private static List<Double> latenciesMs(Postgres postgres, String database, Map<String, Long> producedAtMicros)
            throws Exception {
        List<Double> latencies = new ArrayList<>();
        long firstSample = producedAtMicros.values().stream().mapToLong(Long::longValue).min().orElse(0);
        Map<Long, Double> worstPerTenSeconds = new java.util.TreeMap<>();
        String query = """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'sourceEventId',
                       (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint
                FROM domainevententry
                UNION ALL
                SELECT event_id, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint
                FROM clickstream_view
                """;
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                Long producedAt = producedAtMicros.get(rows.getString(1));
                if (producedAt != null) {
                    double latency = (rows.getLong(2) - producedAt) / 1000.0;
                    latencies.add(latency);
                    worstPerTenSeconds.merge((producedAt - firstSample) / 10_000_000, latency, Math::max);
                }
            }
        }
        latencies.sort(Double::compare);
        worstPerTenSeconds.forEach((bucket, worst) -> System.out.printf("latency: worst %,.0f ms for events sent"
                + " %d-%d s after warm-up%n", worst, bucket * 10, bucket * 10 + 10));
        return latencies;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long lag(EmbeddedKafkaBroker kafka, String topic, String group) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = ends(admin, topic);
            return ends.entrySet().stream().mapToLong(e -> {
                OffsetAndMetadata done = committed.get(e.getKey());
                return e.getValue() - (done == null ? 0 : done.offset());
            }).sum();
        }
    }

    private static long endOffsets(EmbeddedKafkaBroker kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            return ends(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Admin admin(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static long single(Postgres postgres, String database, String sql) throws Exception {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static double seconds(long startedNanos) {
        return Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
    }

    /** Parses {@code 60s}, {@code 2m}, or ISO-8601 durations. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.matches("\\d+s")) {
                return Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
            }
            if (value.matches("\\d+m")) {
                return Duration.ofMinutes(Long.parseLong(value.replace("m", "")));
            }
            return Duration.parse(value);
        }
    }

    /** Health probe used by {@link PlatformProcess}. */
    static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
