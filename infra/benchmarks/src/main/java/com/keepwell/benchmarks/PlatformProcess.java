package com.keepwell.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.keepwell.infra.embedded.FreePort;

/** The packaged platform, started as its own JVM against the benchmark's Kafka and PostgreSQL. */
final class PlatformProcess implements AutoCloseable {

    private final Process process;

    private PlatformProcess(Process process) {
        this.process = process;
    }

    static PlatformProcess start(Path jar, Path log, Map<String, String> settings) throws InterruptedException {
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("keepwell.embedded", "false");
        platform.put("keepwell.simulator.enabled", "false");
        // clickstream stays in its buffer table during the run, where it is counted
        platform.put("keepwell.ingest.session.flush-interval", "1h");
        platform.putAll(settings);
        return startApp(jar, log, FreePort.find(), platform);
    }

    /** Any of the packaged Quarkus applications, on {@code port}, ready once its readiness check answers. */
    static PlatformProcess startApp(Path jar, Path log, int port, Map<String, String> settings)
            throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-XX:+UseParallelGC"));
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the platform from " + jar, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!IngestBenchmark.ready(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(jar.getFileName() + " did not become ready; see " + log);
            }
            Thread.sleep(500);
        }
        return new PlatformProcess(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
