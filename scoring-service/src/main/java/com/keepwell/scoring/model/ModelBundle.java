package com.keepwell.scoring.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A versioned churn model as it is stored and shipped: {@code manifest.json}, the ONNX file that is served, the
 * XGBoost JSON it was exported from (the reason codes walk its trees) and the HTML model card.
 */
public record ModelBundle(ModelManifest manifest, byte[] onnx, byte[] trees) {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String version() {
        return manifest.version();
    }

    public TreeEnsemble ensemble() {
        return TreeEnsemble.fromXgboostJson(trees);
    }

    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
            Files.write(dir.resolve("model.onnx"), onnx);
            Files.write(dir.resolve("trees.json"), trees);
            Files.writeString(dir.resolve("card.html"), ModelCard.html(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + version() + " to " + dir, e);
        }
    }

    public static ModelBundle readFrom(Path dir) {
        try {
            return new ModelBundle(JSON.readValue(dir.resolve("manifest.json").toFile(), ModelManifest.class),
                    Files.readAllBytes(dir.resolve("model.onnx")), Files.readAllBytes(dir.resolve("trees.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a model bundle from " + dir, e);
        }
    }

    /** A bundle shipped inside a jar under {@code models/<version>/} (the default model). */
    public static ModelBundle fromClasspath(String version) {
        String dir = "models/" + version + "/";
        return new ModelBundle(manifest(resource(dir + "manifest.json")), resource(dir + "model.onnx"),
                resource(dir + "trees.json"));
    }

    private static byte[] resource(String name) {
        try (java.io.InputStream in = ModelBundle.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public static ModelManifest manifest(byte[] json) {
        try {
            return JSON.readValue(json, ModelManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a model manifest", e);
        }
    }
}
