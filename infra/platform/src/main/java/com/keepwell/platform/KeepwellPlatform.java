package com.keepwell.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import sun.misc.Signal;

import com.keepwell.infra.embedded.EmbeddedKafkaBroker;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs every service in one process. In the embedded mode (the default) it first starts a Kafka broker and a
 * PostgreSQL server in this JVM, with their data under {@code keepwell.data-dir}, and points the services at
 * them; with {@code keepwell.embedded=false} it uses the configured {@code quarkus.datasource.*} and
 * {@code kafka.bootstrap.servers} as they are.
 */
@QuarkusMain
public final class KeepwellPlatform {

    private static final Logger LOG = Logger.getLogger(KeepwellPlatform.class);

    /** Topics and their partition counts; storefront events are keyed by customer id. */
    static final Map<String, Integer> TOPICS = Map.of(
            "storefront.events", 8,
            "storefront.events.dlq", 1,
            "retention.offers", 8,
            "retention.outcomes", 8,
            "retention.outcomes.dlq", 1,
            "customer.risk", 8);

    private KeepwellPlatform() {
    }

    public static void main(String... args) {
        boolean embedded = setting("keepwell.embedded", "KEEPWELL_EMBEDDED", "true").equals("true");
        if (!embedded) {
            // a real storefront feeds a distributed deployment; simulate only when asked to
            if (System.getProperty("keepwell.simulator.enabled") == null && System.getenv("KEEPWELL_SIMULATOR_ENABLED") == null) {
                System.setProperty("keepwell.simulator.enabled", "false");
            }
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(setting("keepwell.data-dir", "KEEPWELL_DATA_DIR", "data"));
        LOG.infof("embedded mode: Kafka and PostgreSQL data in %s", dataDir.toAbsolutePath());
        int exitCode;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startKeeping(dataDir.resolve("postgres"));
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"))) {
            kafka.createTopics(TOPICS);
            System.setProperty("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            System.setProperty("quarkus.datasource.username", EmbeddedPostgresServer.USER);
            System.setProperty("quarkus.datasource.password", "");
            System.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
            stopServicesFirstOn("TERM", "INT");
            AtomicInteger code = new AtomicInteger();
            // returns once the services have stopped (instead of exiting), so Kafka and PostgreSQL close after them
            Quarkus.run(null, (status, failure) -> {
                if (failure != null) {
                    LOG.error("the platform failed", failure);
                }
                code.set(status);
            }, args);
            exitCode = code.get();
        }
        System.exit(exitCode);
    }

    /**
     * On these signals, stops the services and only then the embedded Kafka and PostgreSQL. Left to the JVM, a
     * signal runs every shutdown hook at once, the embedded PostgreSQL's among them: the database went away while
     * the event processors were still finishing their batches, and each logged a failed transaction (nothing was
     * lost, the batches were redone on the next start, but every stop looked like an incident). The exit status
     * stays the JVM's for a signal: 128 + its number.
     */
    private static void stopServicesFirstOn(String... signals) {
        for (String name : signals) {
            Signal signal = new Signal(name);
            Signal.handle(signal, s -> {
                int status = 128 + s.getNumber();
                Application running = ApplicationLifecycleManager.getCurrentApplication();
                if (running != null && running.isStarted()) {
                    LOG.infof("SIG%s: stopping the services, then Kafka and PostgreSQL", s.getName());
                    Quarkus.asyncExit(status);
                } else {
                    System.exit(status); // still starting: the JVM's own way
                }
            });
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property, System.getenv(environment));
        if (value != null) {
            return value;
        }
        return ConfigProvider.getConfig().getOptionalValue(property, String.class).orElse(fallback);
    }
}
