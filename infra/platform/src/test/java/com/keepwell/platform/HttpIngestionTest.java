package com.keepwell.platform;

import static com.keepwell.platform.StorefrontEvents.*;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class HttpIngestionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void a_single_event_and_a_batch_are_recorded_and_summarised() {
        String customer = newCustomer();
        given().contentType(ContentType.JSON).body(json(registered(newId(), customer)))
                .post("/api/events")
                .then().statusCode(200).body("received", equalTo(1)).body("recorded", equalTo(1));
        given().contentType(ContentType.JSON)
                .body(json(List.of(order(newId(), customer, "o-1", "10.00"), order(newId(), customer, "o-2", "5.50"),
                        productViewed(newId(), customer, "s-1", "p-9"))))
                .post("/api/events")
                .then().statusCode(200)
                .body("received", equalTo(3)).body("recorded", equalTo(2)).body("buffered", equalTo(1));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200)
                .body("registered", equalTo(true))
                .body("orders", equalTo(2))
                .body("netRevenue.EUR", equalTo(15.5f))
                .body("country", equalTo("DE")));
    }

    @Test
    void an_invalid_event_is_answered_with_every_problem_and_nothing_is_recorded() {
        String customer = newCustomer();
        var broken = event(newId(), "order.completed", customer, NOW.plusSeconds(86_400), Map.of(
                "orderId", "", "total", -3, "currency", "euro",
                "products", List.of(Map.of("productId", "p-1", "quantity", 0, "price", 1))));
        given().contentType(ContentType.JSON).body(json(List.of(order(newId(), customer, "o-1", "10.00"), broken)))
                .post("/api/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid storefront event"))
                .body("errors.index", hasItems(1))
                .body("errors.pointer", hasItems("/time", "/data/orderId", "/data/total", "/data/currency",
                        "/data/products/0/quantity"))
                .body("errors", hasSize(5));

        given().get("/api/customers/{id}", customer).then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Customer not found"));
    }

    @Test
    void a_batch_with_a_refused_event_records_nothing_and_names_the_refusal() {
        String customer = newCustomer();
        given().contentType(ContentType.JSON)
                .body(json(List.of(order(newId(), customer, "o-1", "10.00"), refund(newId(), customer, "o-404", "1.00"))))
                .post("/api/events")
                .then().statusCode(422)
                .body("errors[0].index", equalTo(1))
                .body("errors[0].code", equalTo("UNKNOWN_ORDER"))
                .body("errors[0].detail", containsString("o-404"));

        given().get("/api/customers/{id}", customer).then().statusCode(404);
    }

    @Test
    void posting_the_same_event_twice_counts_it_once() {
        String customer = newCustomer();
        String body = json(order(newId(), customer, "o-1", "7.00"));
        given().contentType(ContentType.JSON).body(body).post("/api/events")
                .then().statusCode(200).body("recorded", equalTo(1));
        given().contentType(ContentType.JSON).body(body).post("/api/events")
                .then().statusCode(200).body("recorded", equalTo(0)).body("duplicates", equalTo(1));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/customers/{id}", customer)
                .then().statusCode(200).body("orders", equalTo(1)).body("netRevenue.EUR", equalTo(7.0f)));
    }

    @Test
    void the_customer_count_grows_with_new_customers() {
        long before = given().get("/api/customers/count").then().statusCode(200).extract().jsonPath().getLong("customers");
        String customer = newCustomer();
        given().contentType(ContentType.JSON).body(json(registered(newId(), customer))).post("/api/events")
                .then().statusCode(200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            var count = given().get("/api/customers/count").then().statusCode(200).extract().jsonPath();
            org.assertj.core.api.Assertions.assertThat(count.getLong("customers")).isEqualTo(before + 1);
            org.assertj.core.api.Assertions.assertThat(count.getLong("registered")).isPositive();
        });
    }

    @Test
    void malformed_json_is_a_problem_not_a_stack_trace() {
        given().contentType(ContentType.JSON).body("{\"specversion\": ")
                .post("/api/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void a_wrong_content_type_or_method_says_what_the_path_takes() {
        given().contentType(ContentType.TEXT).body("hello").post("/api/events")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", allOf(containsString("text/plain"), containsString("application/json")));
        given().delete("/api/events")
                .then().statusCode(405).contentType("application/problem+json")
                .body("detail", containsString("DELETE"));
        // a parameter that does not convert names itself, in every service of the process
        given().queryParam("days", "thirty").get("/api/models/monitoring")
                .then().statusCode(400).body("errors[0].pointer", equalTo("days"));
    }
}
