package com.keepwell.apps;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The console's pages render from the read models, say how fresh they are, and explain bad input and empty states. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsolePagesTest {

    @Test
    void the_console_opens_on_the_worklist() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/console/worklist"));
        given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", endsWith("/console/worklist"));
        given().get("/console/worklist").then().statusCode(200)
                .body(containsString("<h1>At-risk worklist</h1>"))
                .body(containsString("customer-summary: "))
                .body(containsString("processor lag"));
    }

    @Test
    void a_filter_no_customer_matches_shows_the_empty_state_and_a_bad_one_the_reason() {
        given().queryParam("country", "ZZ").get("/console/worklist/rows").then().statusCode(200)
                .body(containsString("No customer matches these filters"))
                .body(not(containsString("<html")));
        given().queryParam("band", "SEVERE").get("/console/worklist").then().statusCode(200)
                .body(containsString("role=\"alert\">unknown band &#39;SEVERE&#39;"));
    }

    @Test
    void marketer_and_operator_pages_render() {
        given().get("/console/campaigns").then().statusCode(200).body(containsString("Campaign results"))
                .body(containsString("campaign-results: "));
        given().get("/console/models").then().statusCode(200).body(containsString("Score distribution"))
                .body(containsString("model-monitoring: "));
        given().get("/console/rules").then().statusCode(200).body(containsString("New rule"));
        given().get("/console/rules/new").then().statusCode(200).body(containsString("id=\"f-eligibility\""));
    }

    @Test
    void scripts_come_from_webjars_without_a_node_build() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/echarts/dist/echarts.min.js").then().statusCode(200);
        given().get("/console/console.js").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/customers/{customerId}/timeline"))
                .body(containsString("/api/models/monitoring"))
                .body(containsString("/api/admin/projections/{name}/rebuild"))
                .body(not(containsString("/console/worklist")));
    }
}
