package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged platform ({@code target/quarkus-app}) as its own process, for the tests that stop or kill it. */
final class PackagedPlatform {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedPlatform() {
    }

    /** Starts {@code java <options> -jar quarkus-run.jar}, output to {@code log}, and waits until it is ready. */
    static Process start(List<String> options, int port, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("platform process alive, see " + log).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }
}
