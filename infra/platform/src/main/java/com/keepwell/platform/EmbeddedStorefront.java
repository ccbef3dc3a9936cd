package com.keepwell.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.keepwell.retention.saga.HistoryClock;
import com.keepwell.retention.saga.RetentionSettings;
import com.keepwell.simulator.KafkaEventSink;
import com.keepwell.simulator.OfferResponder;
import com.keepwell.simulator.SimulationRun;
import com.keepwell.simulator.SimulationSettings;
import com.keepwell.simulator.StorefrontSimulator;

import io.quarkus.runtime.StartupEvent;

/**
 * In the embedded mode, a simulated storefront feeds the platform through Kafka, so a first-time user sees
 * customers appear: a year of history up to today, paced so the platform keeps up (and, while retention acts on
 * the replayed year, never more than {@code max-ahead-of-retention} of simulated time ahead of the retention
 * saga). After a restart it regenerates
 * the same run (seed and start are kept in the data directory) and skips the events it already sent, instead of
 * sending the same history again. The simulated customers also answer retention offers from {@code retention.offers};
 * those answers change their later behaviour and are not regenerated, so the history after a restart is the one
 * a run without the earlier offers would have had (four whole runs on one day sent 376,761 to 380,464 events).
 */
@ApplicationScoped
public class EmbeddedStorefront {

    private static final Logger LOG = Logger.getLogger(EmbeddedStorefront.class);

    private final boolean enabled;
    private final long seed;
    private final int customers;
    private final int days;
    private final double eventsPerSecond;
    private final String bootstrapServers;
    private final Path stateFile;
    private final Duration maxAheadOfRetention;
    private final RetentionSettings retention;
    private final HistoryClock retentionClock;
    private SimulationRun run;
    private OfferResponder responder;
    private Thread thread;

    @Inject
    EmbeddedStorefront(@ConfigProperty(name = "keepwell.simulator.enabled") boolean enabled,
            @ConfigProperty(name = "keepwell.simulator.seed") long seed,
            @ConfigProperty(name = "keepwell.simulator.customers") int customers,
            @ConfigProperty(name = "keepwell.simulator.days") int days,
            @ConfigProperty(name = "keepwell.simulator.events-per-second") double eventsPerSecond,
            @ConfigProperty(name = "keepwell.simulator.max-ahead-of-retention") Duration maxAheadOfRetention,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "keepwell.data-dir") Path dataDir, RetentionSettings retention,
            HistoryClock retentionClock) {
        this.enabled = enabled;
        this.seed = seed;
        this.customers = customers;
        this.days = days;
        this.eventsPerSecond = eventsPerSecond;
        this.bootstrapServers = bootstrapServers;
        this.stateFile = dataDir.resolve("simulator.properties");
        this.maxAheadOfRetention = maxAheadOfRetention;
        this.retention = retention;
        this.retentionClock = retentionClock;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Properties state = loadState();
        Instant start = Instant.parse(state.getProperty("start",
                Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days)).toString()));
        long sent = Long.parseLong(state.getProperty("sent", "0"));
        SimulationSettings settings = SimulationSettings.defaults(seed, customers, start, Duration.ofDays(days));
        LOG.infof("simulated storefront: %d customers, %d days from %s, %.0f events/s%s", customers, days, start,
                eventsPerSecond, sent > 0 ? ", resuming after " + sent + " events" : "");
        StorefrontSimulator simulator = new StorefrontSimulator(settings);
        responder = new OfferResponder(simulator, bootstrapServers);
        Thread offers = new Thread(responder, "storefront-simulator-offers");
        offers.setDaemon(true);
        offers.start();
        thread = new Thread(() -> {
            try (KafkaEventSink sink = new KafkaEventSink(bootstrapServers, "storefront.events")) {
                run = new SimulationRun(simulator, sink, "/simulator/" + seed, eventsPerSecond);
                if (retention.enabled() && retention.actOnHistory()) {
                    // retention answers the simulated customers in the replayed year: the replay must not run
                    // days ahead of it, or offers arrive after they expired
                    run.pacedBy(retentionClock::present, maxAheadOfRetention);
                }
                long total = run.run(System.out, sent, count -> saveState(start, count));
                String heldBack = run.heldBack().isZero() ? ""
                        : String.format("; held back %d s for retention to catch up", run.heldBack().toSeconds());
                if (simulator.hasNext()) {
                    LOG.infof("simulated storefront: stopped after %d events%s; the next start resumes there", total,
                            heldBack);
                } else {
                    LOG.infof("simulated storefront: history complete (%d events%s)", total, heldBack);
                }
            } catch (RuntimeException e) {
                LOG.error("simulated storefront stopped", e);
            }
        }, "storefront-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        if (responder != null) {
            responder.close();
        }
        if (run != null) {
            run.stop();
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private Properties loadState() {
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (Reader in = Files.newBufferedReader(stateFile)) {
                state.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + stateFile, e);
            }
            if (!String.valueOf(seed).equals(state.getProperty("seed"))
                    || !String.valueOf(customers).equals(state.getProperty("customers"))) {
                return new Properties();
            }
        }
        return state;
    }

    private void saveState(Instant start, long sent) {
        Properties state = new Properties();
        state.setProperty("seed", String.valueOf(seed));
        state.setProperty("customers", String.valueOf(customers));
        state.setProperty("start", start.toString());
        state.setProperty("sent", String.valueOf(sent));
        try {
            Files.createDirectories(stateFile.getParent());
            try (Writer out = Files.newBufferedWriter(stateFile)) {
                state.store(out, "embedded storefront simulator progress");
            }
        } catch (IOException e) {
            LOG.warnf("cannot save simulator progress to %s: %s", stateFile, e.toString());
        }
    }
}
