package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOG = Path.of("target", "graceful-shutdown.log");

    @Test
    void sigterm_stops_the_services_then_kafka_and_postgresql_without_errors() throws Exception {
        Path dataDir = Files.createTempDirectory("keepwell-it-shutdown");
        int port = FreePort.find();
        Process platform = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g",
                "-Dkeepwell.data-dir=" + dataDir,
                "-Dquarkus.http.port=" + port,
                "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(platform.isAlive()).as("platform process alive, see " + LOG).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
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
