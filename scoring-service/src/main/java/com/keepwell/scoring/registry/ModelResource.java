package com.keepwell.scoring.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.ModelCard;
import com.keepwell.scoring.model.ModelManifest;
import com.keepwell.scoring.serving.ScoringEngine;

/**
 * The model registry over HTTP: list versions with their test metrics, read a manifest or model card, publish a
 * bundle (a zip of {@code manifest.json}, {@code model.onnx}, {@code trees.json} as the training command writes
 * it), promote a version or roll back to the previous one. Every scoring instance picks up a promotion within
 * {@code keepwell.scoring.model-poll-interval}.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** One line of the model list. */
    public record ModelSummary(String version, boolean promoted, boolean serving, String publishedAt, String source,
            int horizonDays, double rocAuc, double prAuc, double logLoss, double brier, int trees) {
    }

    @Inject
    ModelRegistry registry;

    @Inject
    ScoringEngine engine;

    @GET
    public List<ModelSummary> list() {
        List<ModelSummary> out = new ArrayList<>();
        for (ModelRegistry.Entry e : registry.list()) {
            ModelManifest m = e.manifest();
            out.add(new ModelSummary(e.version(), e.promoted(), e.version().equals(engine.modelVersion()),
                    e.publishedAt().toString(), m.source(), m.horizonDays(), m.test().rocAuc(), m.test().prAuc(),
                    m.test().logLoss(), m.test().brier(), m.trees()));
        }
        return out;
    }

    @GET
    @Path("/history")
    public List<ModelRegistry.Change> history() {
        return registry.history();
    }

    @GET
    @Path("/{version}")
    public ModelManifest manifest(@PathParam("version") String version) {
        return bundle(version).manifest();
    }

    @GET
    @Path("/{version}/card")
    @Produces(MediaType.TEXT_HTML)
    public String card(@PathParam("version") String version) {
        return ModelCard.html(bundle(version).manifest());
    }

    @POST
    @Consumes("application/zip")
    public Response publish(byte[] zip) {
        ModelBundle bundle = unzip(zip);
        registry.publish(bundle);
        return Response.created(URI.create("/api/models/" + bundle.version())).entity(Map.of("version", bundle.version()))
                .build();
    }

    /** {@code reason} is kept in the history ({@code GET /api/models/history}). */
    @POST
    @Path("/{version}/promote")
    public Map<String, String> promote(@PathParam("version") String version, @QueryParam("reason") String reason) {
        registry.promote(version, reason);
        return Map.of("promoted", version);
    }

    @POST
    @Path("/rollback")
    public Map<String, String> rollback(@QueryParam("reason") String reason) {
        return Map.of("promoted", registry.rollback(reason));
    }

    private ModelBundle bundle(String version) {
        return registry.bundle(version).orElseThrow(() -> new ProblemException(Problem.of("model-not-found",
                "Unknown model version", 404, "no model " + version + " is published; GET /api/models lists the versions")));
    }

    private static ModelBundle unzip(byte[] zip) {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                files.put(name, in.readAllBytes());
            }
        } catch (IOException e) {
            throw badBundle("the body is not a readable zip file: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("manifest.json", "model.onnx", "trees.json")) {
            if (!files.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw badBundle("the zip lacks " + String.join(", ", missing)
                    + "; zip the directory that keepwell-model train wrote");
        }
        ModelManifest manifest;
        try {
            manifest = ModelBundle.manifest(files.get("manifest.json"));
        } catch (RuntimeException e) {
            throw badBundle("manifest.json is not a model manifest: " + e.getMessage());
        }
        return new ModelBundle(manifest, files.get("model.onnx"), files.get("trees.json"));
    }

    private static ProblemException badBundle(String detail) {
        return new ProblemException(Problem.of("model-bundle-invalid", "Invalid model bundle", 400, detail));
    }
}
