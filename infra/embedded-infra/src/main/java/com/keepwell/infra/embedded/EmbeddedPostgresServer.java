package com.keepwell.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server launched from the binaries that the {@code io.zonky.test.postgres} artifacts ship
 * (Linux, macOS, Windows). With a kept data directory it survives restarts with its data; without one it
 * runs on a throw-away directory, as the tests do.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL keeping its data in {@code dataDir} (created and initialised on first use). */
    public static EmbeddedPostgresServer startKeeping(Path dataDir) {
        try {
            Files.createDirectories(dataDir.getParent() == null ? dataDir.toAbsolutePath().getParent()
                    : dataDir.getParent());
            return start(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL data directory " + dataDir, e);
        }
    }

    /** Starts PostgreSQL on a fresh directory that is deleted again on close. */
    public static EmbeddedPostgresServer startThrowaway() {
        return start(EmbeddedPostgres.builder());
    }

    /** Like {@link #startThrowaway()}, with extra {@code postgresql.conf} settings. */
    public static EmbeddedPostgresServer startThrowaway(Map<String, String> serverConfig) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        serverConfig.forEach(builder::setServerConfig);
        return start(builder);
    }

    private static EmbeddedPostgresServer start(EmbeddedPostgres.Builder builder) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres postgres = builder
                    .setPort(FreePort.find())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            LOG.infof("PostgreSQL up at %s in %d ms", postgres.getJdbcUrl(USER, DATABASE),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.infof("PostgreSQL at port %d stopped", postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}
