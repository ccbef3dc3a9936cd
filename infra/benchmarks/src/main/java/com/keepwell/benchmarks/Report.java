package com.keepwell.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import com.keepwell.simulator.CloudEvents;

/**
 * Writes the ingest benchmark's numbers: machine-readable to {@code docs/results/ingest-benchmark.json}, and for
 * people into its own section of {@code docs/BENCHMARKS.md} (other benchmarks keep their sections).
 */
final class Report {

    private static final String BEGIN = "<!-- ingest-benchmark:begin -->";
    private static final String END = "<!-- ingest-benchmark:end -->";

    private Report() {
    }

    static void write(Path docs, String command, IngestBenchmark.Throughput baseline,
            IngestBenchmark.Throughput batched, IngestBenchmark.Throughput alone, IngestBenchmark.Latency latency,
            Duration warmup, Duration measure)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        String machine = machine(cores);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventsPerSecond", Math.round(batched.eventsPerSecond()));
        json.put("baselineEventsPerSecond", Math.round(baseline.eventsPerSecond()));
        json.put("ingestionAloneEventsPerSecond", Math.round(alone.eventsPerSecond()));
        json.put("eventsProduced", latency.produced());
        json.put("eventsStored", latency.stored());
        json.put("eventsDeadLettered", latency.deadLettered());
        json.put("latencyRunEventsPerSecond", latency.rate());
        json.put("p50Ms", round(latency.p50Ms()));
        json.put("p99Ms", round(latency.p99Ms()));
        json.put("latencySamples", latency.samples());
        json.put("maxConsumerLagWhileMeasured", latency.maxLag());
        json.put("latencyWarmupSeconds", latency.warmupSeconds());
        Map<String, Object> processors = new LinkedHashMap<>();
        for (IngestBenchmark.ProcessorPace pace : batched.processors()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("batchedRunEventsPerSecond", Math.round(pace.eventsPerSecond()));
            p.put("batchedRunBacklogAtEnd", pace.backlogAtEnd());
            latency.backlogOf(pace.name()).ifPresent(backlog -> p.put("latencyRunBacklogAtEnd", backlog));
            processors.put(pace.name(), p);
        }
        json.put("eventStoreGrowthPerSecondInBatchedRun", Math.round(batched.storeGrowthPerSecond()));
        json.put("processors", processors);
        json.put("warmupSeconds", warmup.toSeconds());
        json.put("measuredSeconds", measure.toSeconds());
        json.put("cores", cores);
        json.put("machine", machine);
        json.put("date", LocalDate.now().toString());
        json.put("command", command);
        Files.createDirectories(docs.resolve("results"));
        Files.writeString(docs.resolve("results/ingest-benchmark.json"),
                CloudEvents.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");

        String section = BEGIN + "\n## Ingest: storefront events from Kafka into the event store\n\n"
                + "Command: `" + command + "`  \n"
                + "Machine: " + machine + "  \n"
                + "Date: " + LocalDate.now() + "; " + warmup.toSeconds() + " s warm-up, " + measure.toSeconds()
                + " s measured per run; the simulator's event mix; Kafka, PostgreSQL and the platform all on this"
                + " machine.\n\n"
                + "| run | events/s | notes |\n| --- | --- | --- |\n"
                + String.format("| naive baseline: one command, one transaction per event | %,.0f | lag at end %,d |%n",
                        baseline.eventsPerSecond(), baseline.lagAtEnd())
                + String.format("| batched: one transaction per Kafka poll (up to 500) | %,.0f | lag at end %,d; %.1f× the baseline |%n",
                        batched.eventsPerSecond(), batched.lagAtEnd(),
                        batched.eventsPerSecond() / Math.max(1, baseline.eventsPerSecond()))
                + String.format("| batched, ingestion alone: every event processor disabled in this instance "
                        + "(`keepwell.axon.processors.disabled`), as when other instances run them | %,.0f | lag at end"
                        + " %,d; %.1f× the whole platform's batched figure |%n", alone.eventsPerSecond(),
                        alone.lagAtEnd(), alone.eventsPerSecond() / Math.max(1, batched.eventsPerSecond()))
                + "\n"
                + String.format("At a steady %,d events/s (batched): produce → committed p50 **%.0f ms**, p99 **%.0f ms** "
                        + "(%,d sampled events over %d s, after a warm-up of %d s that lasts until the consumer has "
                        + "caught up with start-up); largest consumer lag while measured %,d (by committed offsets, which the consumer "
                        + "commits every few seconds, so it overstates the backlog). Produced %,d, stored "
                        + "%,d, dead-lettered %,d.%n", latency.rate(), latency.p50Ms(), latency.p99Ms(),
                        latency.samples(), measure.toSeconds(), latency.warmupSeconds(), latency.maxLag(),
                        latency.produced(), latency.stored(), latency.deadLettered())
                + processorTable(batched, latency)
                + "\nThroughput counts rows committed inside the measured window (event store plus clickstream buffer), by "
                + "PostgreSQL commit timestamps; each storefront event becomes exactly one such row (the platform's own "
                + "events, such as risk assessments and offers, are not counted). Latency is from the "
                + "producer's send to the commit of the row. Numbers in `docs/results/ingest-benchmark.json`.\n"
                + END + "\n";
        writeSection(docs, BEGIN, END, section);
    }

    /**
     * The platform's event processors in the same process: how fast each read the event store while ingestion ran
     * flat out, and what each still had to do once the fixed-rate run's events were all ingested.
     */
    private static String processorTable(IngestBenchmark.Throughput batched, IngestBenchmark.Latency latency) {
        if (batched.processors().isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder(String.format("%nThe event processors in the same process "
                + "(projections, features, sagas, publishers) share its CPU with ingestion. While the batched run "
                + "drained the backlog the event store grew by %,.0f events/s (storefront events, sessions excluded, "
                + "plus the platform's own); each processor's pace and backlog, and its backlog once the fixed-rate "
                + "run's events had all been ingested:%n%n"
                + "| processor | events/s (batched run) | backlog at its end | backlog after the %,d events/s run |%n"
                + "| --- | --- | --- | --- |%n", batched.storeGrowthPerSecond(), latency.rate()));
        for (IngestBenchmark.ProcessorPace pace : batched.processors()) {
            OptionalLong after = latency.backlogOf(pace.name());
            table.append(String.format("| %s | %,.0f | %,d | %s |%n", pace.name(), pace.eventsPerSecond(),
                    pace.backlogAtEnd(), after.isPresent() ? String.format("%,d", after.getAsLong()) : "–"));
        }
        return table.toString();
    }

    /** Replaces the section between {@code begin} and {@code end} in docs/BENCHMARKS.md, or appends it. */
    static void writeSection(Path docs, String begin, String end, String section) throws IOException {
        Path benchmarks = docs.resolve("BENCHMARKS.md");
        String existing = Files.exists(benchmarks) ? Files.readString(benchmarks)
                : "# Benchmarks\n\nEach section is written by the benchmark it names; rerun its command to refresh it.\n\n";
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + section + existing.substring(to + end.length() + 1)
                : existing + "\n" + section;
        Files.writeString(benchmarks, updated);
    }

    /** Writes {@code docs/results/<name>.json} and says what was written. */
    static void writeResults(Path docs, String name, Map<String, Object> json) throws IOException {
        Path file = docs.resolve("results").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.write(file, CloudEvents.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        System.out.println("wrote " + docs.resolve("BENCHMARKS.md") + " and " + file);
    }

    static String machine(int cores) {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the generic description
        }
        long memoryGiB = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return String.format("%d cores (%s), %d GiB RAM, %s %s, Java %s", cores, cpu, memoryGiB,
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
