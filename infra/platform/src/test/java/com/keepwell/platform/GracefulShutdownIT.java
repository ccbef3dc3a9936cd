package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.embedded.FreePort;

/**
 * The packaged platform in its embedded mode (its own Kafka and PostgreSQL, simulated traffic flowing), stopped
 * with SIGTERM as a service manager stops it: the services stop before the database and broker they use, so the
 * stop logs no failed transaction, closed connection or refused command, and the exit status is the JVM's for
 * SIGTERM. Before, the embedded PostgreSQL's own shutdown hook stopped the database while the event processors
 * were still at work, and the ingestion consumer kept sending commands after Axon had unsubscribed their handlers.
 */
class GracefulShutdownIT {

    private static final Path LOG = Path.of("target", "graceful-shutdown.log");

    @Test
    void sigterm_stops_the_services_then_kafka_and_postgresql_without_errors() throws Exception {
        Path dataDir = Files.createTempDirectory("keepwell-it-shutdown");
        int port = FreePort.find();
        Process platform = PackagedPlatform.start(List.of("-Xmx1g", "-Dkeepwell.data-dir=" + dataDir), port, LOG);
        try {
            // the simulated storefront's history is flowing: every processor has work in hand when the signal comes
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(LOG).contains("simulate: "));
            Thread.sleep(10_000);

            platform.destroy(); // SIGTERM
            assertThat(platform.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s, see " + LOG).isTrue();
        } finally {
            platform.destroyForcibly();
        }

        String log = Files.readString(LOG);
        int signal = log.indexOf("SIGTERM: stopping the services");
        assertThat(signal).as("the signal was handled, see " + LOG).isPositive();
        String stopping = log.substring(signal);
        assertThat(stopping).contains("keepwell-platform stopped");
        assertThat(stopping.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as("warnings and errors while stopping, see " + LOG).isEmpty();
        assertThat(platform.exitValue()).isEqualTo(128 + 15);
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL shut down").doesNotExist();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
