package com.keepwell.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Command line: {@code simulate} a storefront, or {@code replay} a recorded event file, into the platform. */
@Command(name = "keepwell-sim", mixinStandardHelpOptions = true, subcommands = {
        SimulatorCli.Simulate.class, SimulatorCli.ReplayFile.class},
        description = "Storefront traffic for the Keepwell platform.")
public final class SimulatorCli {

    public static void main(String... args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }

    /** Where events go. */
    static class Target {
        @Option(names = "--kafka", description = "Kafka bootstrap servers (topic storefront.events)")
        String kafka;

        @Option(names = "--http", description = "Base URL of the ingest API, e.g. http://localhost:8080")
        String http;

        @Option(names = "--file", description = "Write JSON lines to this file instead (.gz to compress)")
        Path file;

        @Option(names = "--batch-size", defaultValue = "500", description = "Events per HTTP request")
        int batchSize;

        EventSink open() {
            if (file != null) {
                return new FileEventSink(file);
            }
            if (http != null) {
                return new HttpEventSink(http, batchSize);
            }
            return new KafkaEventSink(kafka != null ? kafka : "localhost:9092", "storefront.events");
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Generate storefront events from simulated customers, with ground truth.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Option(names = "--customers", defaultValue = "10000")
        int customers;

        @Option(names = "--days", defaultValue = "365", description = "Simulated days")
        int days;

        @Option(names = "--start", description = "Simulated start (ISO instant); default: --days before now")
        Instant start;

        @Option(names = "--rate", defaultValue = "0", description = "Events per second; 0 = as fast as possible")
        double rate;

        @Option(names = "--truth", defaultValue = "ground-truth.jsonl", description = "Ground truth output file")
        Path truth;

        @Option(names = "--truth-at", split = ",", description = "Times (ISO instants) of true churn probabilities")
        List<Instant> truthAt;

        @Option(names = "--truth-horizon-days", defaultValue = "30",
                description = "Horizon N of the true probability of churning within the next N days")
        int truthHorizonDays;

        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            Instant begin = start != null ? start
                    : Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
            SimulationSettings settings = SimulationSettings.defaults(seed, customers, begin, Duration.ofDays(days));
            if (truthAt != null && !truthAt.isEmpty()) {
                settings = settings.withTruthAt(truthAt);
            }
            settings = settings.withTruthHorizon(Duration.ofDays(truthHorizonDays));
            StorefrontSimulator simulator = new StorefrontSimulator(settings);
            try (EventSink sink = target.open()) {
                long count = new SimulationRun(simulator, sink, "/simulator/" + seed, rate).run(System.out);
                EventSink.Counts counts = sink.counts();
                System.out.printf("generated %,d events for %,d customers; accepted %,d, refused %,d%n", count,
                        customers, counts.accepted(), counts.refused());
            }
            SimulationRun.writeGroundTruth(simulator, truth);
            System.out.println("ground truth written to " + truth.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay a recorded JSON-lines event file (CloudEvents or the CDNOW export) in time order.")
    static final class ReplayFile implements Callable<Integer> {
        @Parameters(index = "0", description = "The event file (.jsonl or .jsonl.gz)")
        Path file;

        @Option(names = "--speed", defaultValue = "0",
                description = "Recorded seconds per wall-clock second; 0 = as fast as possible")
        double speed;

        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            List<RecordedEvents.Recorded> events = RecordedEvents.read(file, "/replay");
            long customers = events.stream().map(RecordedEvents.Recorded::customerId).distinct().count();
            System.out.printf("replaying %,d events of %,d customers from %s%n", events.size(), customers, file);
            EventSink.Counts counts;
            try (EventSink sink = target.open()) {
                counts = Replay.run(events, sink, speed, System.out);
            }
            System.out.printf("sent %,d, accepted %,d, refused %,d%n", counts.sent(), counts.accepted(),
                    counts.refused());
            return counts.refused() == 0 ? 0 : 1;
        }
    }
}
