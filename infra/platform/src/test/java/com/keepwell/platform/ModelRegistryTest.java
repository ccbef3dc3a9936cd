package com.keepwell.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The model registry API, and a hot swap under load that fails no request. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ModelRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT = "churn-default-v1";

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = ModelRegistryTest.class.getClassLoader()
                .getResourceAsStream("models/" + DEFAULT + "/" + file)) {
            return in.readAllBytes();
        }
    }

    /** The shipped bundle under another version, optionally with its trees or manifest changed. */
    private static byte[] bundle(String version, boolean corruptTrees, boolean withoutTrees) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(resource("manifest.json"));
        manifest.put("version", version);
        byte[] trees = resource("trees.json");
        if (corruptTrees) {
            ObjectNode model = (ObjectNode) JSON.readTree(trees);
            ArrayNode first = (ArrayNode) model.at("/learner/gradient_booster/model/trees/0/split_conditions");
            for (int i = 0; i < first.size(); i++) {
                first.set(i, first.get(i).asDouble() + 0.37);
            }
            trees = JSON.writeValueAsBytes(model);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, version + "/manifest.json", JSON.writeValueAsBytes(manifest));
            put(zip, version + "/model.onnx", resource("model.onnx"));
            if (!withoutTrees) {
                put(zip, version + "/trees.json", trees);
            }
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Response publish(byte[] zip) {
        return given().contentType("application/zip").body(zip).post("/api/models");
    }

    private static Map<String, Double> someFeatures(int i) {
        return Map.of("days_since_last_order", 5.0 + i % 90, "days_since_last_session", 1.0 + i % 40,
                "sessions_30d", (double) (i % 7), "orders_365d", (double) (i % 5));
    }

    @Test
    void the_shipped_model_is_published_promoted_and_served() {
        given().get("/api/models").then().statusCode(200)
                .body("find { it.version == 'churn-default-v1' }.promoted", equalTo(true))
                .body("find { it.version == 'churn-default-v1' }.rocAuc", org.hamcrest.Matchers.greaterThan(0.8f));
        given().get("/api/models/{v}", DEFAULT).then().statusCode(200)
                .body("featureSchemaVersion", equalTo("churn-features-v1"))
                .body("parity.maxAbsDifference", org.hamcrest.Matchers.lessThan(1e-5f));
        given().get("/api/models/{v}/card", DEFAULT).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<svg"));
        given().get("/api/models/no-such-model").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("GET /api/models"));
    }

    @Test
    void refuses_bundles_that_are_incomplete_inconsistent_or_already_there() throws IOException {
        publish(bundle("churn-test-no-trees", false, true)).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("trees.json"));
        publish(bundle("churn-test-corrupt", true, false)).then().statusCode(422)
                .body("detail", containsString("model.onnx and trees.json disagree"));
        publish(bundle(DEFAULT, false, false)).then().statusCode(409);
        given().contentType("application/zip").body(new byte[] {1, 2, 3}).post("/api/models").then().statusCode(400);
        given().post("/api/models/{v}/promote", "churn-test-corrupt").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void score_api_rejects_unknown_features_with_every_name() {
        given().contentType("application/json").body(Map.of("features", Map.of("nope", 1, "also_nope", 2)))
                .post("/api/scoring/score").then().statusCode(422)
                .body("errors.pointer", hasItem("/features/nope"))
                .body("errors.pointer", hasItem("/features/also_nope"));
    }

    @Test
    void promoting_under_load_swaps_the_model_without_a_failed_request() throws Exception {
        String next = "churn-test-hot-swap";
        publish(bundle(next, false, false)).then().statusCode(201);
        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> versions = ConcurrentHashMap.newKeySet();
        List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            int client = c;
            counts.add(clients.submit(() -> {
                int n = 0;
                while (running.get()) {
                    Response r = given().contentType("application/json")
                            .body(Map.of("features", someFeatures(client * 1000 + n))).post("/api/scoring/score");
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode());
                    } else {
                        versions.add(r.jsonPath().getString("modelVersion"));
                    }
                    n++;
                }
                return n;
            }));
        }
        try {
            Thread.sleep(1_000);
            given().queryParam("reason", "hot-swap test").post("/api/models/{v}/promote", next).then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> versions.contains(next));
            given().queryParam("reason", "back to the default").post("/api/models/rollback").then().statusCode(200)
                    .body("promoted", equalTo(DEFAULT));
            Thread.sleep(3_000);
        } finally {
            running.set(false);
            clients.shutdown();
        }
        int requests = 0;
        for (Future<Integer> f : counts) {
            requests += f.get();
        }
        assertThat(failures).isEmpty();
        assertThat(versions).contains(DEFAULT, next);
        assertThat(requests).isGreaterThan(100);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/models").then()
                .body("find { it.version == 'churn-default-v1' }.serving", equalTo(true)));
        given().get("/api/models/history").then().statusCode(200)
                .body("action", hasItem("ROLLED_BACK")).body("version", hasItem(next));
    }
}
