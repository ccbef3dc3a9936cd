package com.keepwell.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The marketers' rules API: create, update with versions and audit, invalid input, conflicts, dry run. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class OfferRulesApiTest {

    /** A valid rule that no real customer matches, so it does not act on other tests' customers. */
    static Map<String, Object> rule(String name) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("name", name);
        rule.put("priority", 10);
        rule.put("enabled", true);
        rule.put("eligibility", "risk_score > 0.9 && country == 'XX'");
        rule.put("incentive", "PERCENT_DISCOUNT");
        rule.put("percentOff", 15);
        rule.put("channel", "EMAIL");
        rule.put("message", "We miss you! {{incentive}} with code {{coupon_code}} until {{valid_until}}.");
        rule.put("validityDays", 14);
        rule.put("currency", "EUR");
        rule.put("costPerRedemption", 6.5);
        rule.put("budgetTotal", 1000);
        rule.put("budgetPerDay", 100);
        rule.put("holdoutShare", 0.1);
        rule.put("priorKeptProbability", 0.15);
        return rule;
    }

    private static String create(Map<String, Object> rule, String user) {
        return given().contentType(ContentType.JSON).header("X-Keepwell-User", user).body(rule)
                .queryParam("note", "first draft")
                .post("/api/rules")
                .then().statusCode(201)
                .header("Location", containsString("/api/rules/rule-"))
                .body("version", is(1))
                .body("changedBy", is(user))
                .body("definition.name", is(rule.get("name")))
                .extract().path("ruleId");
    }

    @Test
    void creates_a_rule_and_reads_it_back() {
        String id = create(rule("Win back book lovers"), "maria");
        given().get("/api/rules/{id}", id)
                .then().statusCode(200)
                .body("ruleId", is(id))
                .body("version", is(1))
                .body("changeNote", is("first draft"))
                .body("definition.eligibility", is("risk_score > 0.9 && country == 'XX'"))
                .body("definition.percentOff", is(15));
        given().get("/api/rules").then().statusCode(200).body("ruleId", hasItem(id));
    }

    @Test
    void every_update_is_a_new_version_with_who_and_why() {
        String id = create(rule("Free shipping for regulars"), "maria");
        Map<String, Object> changed = rule("Free shipping for regulars");
        changed.put("incentive", "FREE_SHIPPING");
        changed.put("holdoutShare", 0.2);
        given().contentType(ContentType.JSON).header("X-Keepwell-User", "jonas").header("If-Match", "\"1\"")
                .queryParam("note", "discounts were too expensive").body(changed)
                .put("/api/rules/{id}", id)
                .then().statusCode(200)
                .body("version", is(2))
                .body("changedBy", is("jonas"))
                .body("definition.incentive", is("FREE_SHIPPING"));
        given().get("/api/rules/{id}/versions", id)
                .then().statusCode(200)
                .body("version", contains(2, 1))
                .body("changedBy", contains("jonas", "maria"))
                .body("changeNote", contains("discounts were too expensive", "first draft"))
                .body("definition.incentive", contains("FREE_SHIPPING", "PERCENT_DISCOUNT"))
                .body("definition.holdoutShare", contains(0.2f, 0.1f));
    }

    @Test
    void an_update_based_on_an_old_version_is_refused() {
        String id = create(rule("Loyalty points"), "maria");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(rule("Loyalty points v2"))
                .put("/api/rules/{id}", id).then().statusCode(200);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(rule("Loyalty points v2 again"))
                .put("/api/rules/{id}", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is at version 2, your change was based on version 1"));
    }

    @Test
    void an_invalid_cel_expression_is_refused_with_its_position() {
        Map<String, Object> bad = rule("Broken");
        bad.put("eligibility", "risk_score > 0.9 && tierr == 'GOLD'");
        given().contentType(ContentType.JSON).body(bad)
                .post("/api/rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", is("Invalid offer rule"))
                .body("errors.pointer", hasItem("/eligibility"))
                .body("errors.find { it.pointer == '/eligibility' }.detail",
                        allOf(containsString("line 1, column 21"), containsString("tierr")));
    }

    @Test
    void a_non_boolean_expression_and_bad_fields_are_all_named() {
        Map<String, Object> bad = rule("Broken too");
        bad.put("eligibility", "risk_score * 2");
        bad.put("message", "Hi {{nickname}}");
        bad.put("holdoutShare", 0.9);
        bad.put("currency", "EURO");
        given().contentType(ContentType.JSON).body(bad)
                .post("/api/rules")
                .then().statusCode(400)
                .body("errors.pointer", hasItems("/eligibility", "/message", "/holdoutShare", "/currency"))
                .body("errors.find { it.pointer == '/message' }.detail", containsString("{{nickname}}"));
        given().get("/api/rules").then().body("definition.name", not(hasItem("Broken too")));
    }

    @Test
    void a_body_that_is_not_a_rule_is_a_problem_naming_the_field() {
        Map<String, Object> bad = rule("Teleport");
        bad.put("incentive", "TELEPORT");
        given().contentType(ContentType.JSON).body(bad).post("/api/rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].pointer", is("/incentive"))
                .body("detail", allOf(containsString("TELEPORT"), containsString("PERCENT_DISCOUNT")));
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void validation_endpoint_answers_without_saving() {
        Map<String, Object> bad = rule("Draft");
        bad.put("eligibility", "order_count >");
        given().contentType(ContentType.JSON).body(bad).post("/api/rules/validate")
                .then().statusCode(200)
                .body("valid", is(false))
                .body("errors[0].pointer", is("/eligibility"));
        given().contentType(ContentType.JSON).body(rule("Draft")).post("/api/rules/validate")
                .then().statusCode(200).body("valid", is(true)).body("errors", empty());
    }

    @Test
    void an_unknown_rule_is_a_404_problem() {
        given().get("/api/rules/{id}", "rule-nope")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("rule-nope"));
        given().get("/api/rules/{id}/versions", "rule-nope").then().statusCode(404);
    }

    @Test
    void dry_run_counts_matching_customers_at_risk_and_prices_them() {
        Map<String, Object> nobody = rule("Nobody");
        given().contentType(ContentType.JSON).body(nobody).post("/api/rules/dry-run")
                .then().statusCode(200)
                .body("reach", is(0))
                .body("expectedCost", is(0.0f))
                .body("currency", is("EUR"));
        Map<String, Object> bad = rule("Bad");
        bad.put("eligibility", "nonsense(");
        given().contentType(ContentType.JSON).body(bad).post("/api/rules/dry-run")
                .then().statusCode(400).body("errors.pointer", hasItem("/eligibility"));
    }
}
