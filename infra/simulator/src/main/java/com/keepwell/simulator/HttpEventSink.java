package com.keepwell.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Posts events to {@code POST /api/events} in batches. The API records a batch all or nothing, so when it refuses
 * some events (400, 422) the sink logs them, counts them as refused and posts the rest of the batch again.
 */
public final class HttpEventSink implements EventSink {

    private static final Logger LOG = Logger.getLogger(HttpEventSink.class);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final int batchSize;
    private final List<byte[]> buffer = new ArrayList<>();
    private long sent;
    private long accepted;
    private long refused;

    public HttpEventSink(String baseUrl, int batchSize) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/events");
        this.batchSize = batchSize;
    }

    @Override
    public void send(String customerId, byte[] cloudEvent) {
        sent++;
        buffer.add(cloudEvent);
        if (buffer.size() >= batchSize) {
            flush();
        }
    }

    @Override
    public void flush() {
        List<byte[]> batch = new ArrayList<>(buffer);
        buffer.clear();
        while (!batch.isEmpty()) {
            HttpResponse<String> response = post(batch);
            if (response.statusCode() == 200) {
                accepted += batch.size();
                return;
            }
            if (response.statusCode() != 400 && response.statusCode() != 422) {
                throw new IllegalStateException("ingest API answered " + response.statusCode() + ": " + response.body());
            }
            Set<Integer> bad = refusedIndexes(response.body());
            if (bad.isEmpty()) {
                throw new IllegalStateException("ingest API refused a batch without naming events: " + response.body());
            }
            List<byte[]> rest = new ArrayList<>(batch.size() - bad.size());
            for (int i = 0; i < batch.size(); i++) {
                if (!bad.contains(i)) {
                    rest.add(batch.get(i));
                }
            }
            refused += bad.size();
            LOG.warnf("ingest API refused %d event(s): %s", bad.size(), response.body());
            batch = rest;
        }
    }

    private HttpResponse<String> post(List<byte[]> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(batch.get(i));
        }
        body.write(']');
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting events", e);
        }
    }

    private static Set<Integer> refusedIndexes(String problem) {
        Set<Integer> indexes = new HashSet<>();
        try {
            for (JsonNode error : CloudEvents.JSON.readTree(problem).path("errors")) {
                if (error.hasNonNull("index")) {
                    indexes.add(error.get("index").asInt());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable problem details: " + problem, e);
        }
        return indexes;
    }

    @Override
    public Counts counts() {
        return new Counts(sent, accepted, refused);
    }

    @Override
    public void close() {
        flush();
    }
}
