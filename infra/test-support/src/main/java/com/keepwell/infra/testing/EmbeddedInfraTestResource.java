package com.keepwell.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.keepwell.infra.embedded.EmbeddedKafkaBroker;
import com.keepwell.infra.embedded.EmbeddedPostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL and a real Kafka broker in the test JVM and points the Quarkus application at them.
 * Register it with {@code @WithTestResource(value = EmbeddedInfraTestResource.class, scope = GLOBAL)} so every
 * test class shares one pair.
 */
public class EmbeddedInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private Path kafkaDir;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedPostgresServer.startThrowaway();
        try {
            kafkaDir = Files.createTempDirectory("keepwell-test-kafka");
            kafka = EmbeddedKafkaBroker.start(kafkaDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka.createTopics(Map.of("storefront.events", 4, "storefront.events.dlq", 1, "customer.risk", 4,
                "retention.offers", 4, "retention.outcomes", 4, "retention.outcomes.dlq", 1));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", "",
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafkaDir != null) {
            deleteRecursively(kafkaDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
