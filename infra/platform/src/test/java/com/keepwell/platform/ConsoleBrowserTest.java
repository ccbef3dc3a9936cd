package com.keepwell.platform;

import static com.keepwell.platform.StorefrontEvents.event;
import static com.keepwell.platform.StorefrontEvents.json;
import static com.keepwell.platform.StorefrontEvents.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.keepwell.domain.api.CustomerId;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionOutcome;
import com.keepwell.infra.testing.EmbeddedInfraTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): customers come in
 * through the storefront API and are scored by the served model; an agent works the worklist and opens a customer; a
 * marketer writes a rule with a CEL mistake, sees it, fixes it and saves. Screenshots of the main pages go to
 * {@code docs/img}. Runs in the Maven profile {@code browser}, which {@code .ci/run} enables.
 */
@Tag("browser")
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    /** A country only this test's customers have, so its rule reaches no other test's customers. */
    private static final String COUNTRY = "IS";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static WebDriver browser;
    private static WebDriverWait wait;

    @TestHTTPResource("/")
    URL root;

    @Inject
    CommandGateway commands;

    @BeforeAll
    static void chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("keepwell.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("keepwell.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_agent_opens_the_riskiest_customer_and_sees_the_chart_and_reasons() throws Exception {
        List<String> customers = storefrontHistory();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().queryParam("country", COUNTRY).queryParam("limit", 50).get("/api/customers")
                        .then().statusCode(200).body("items.size()", is(customers.size())));

        open("/console/worklist?country=" + COUNTRY);
        List<WebElement> rows = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#worklist-rows a.customer-link"), customers.size() - 1));
        String riskiest = rows.get(0).getText();
        assertThat(customers).contains(riskiest);
        screenshot("worklist.png");

        // the keyboard path: j focuses the first customer, Enter opens it
        browser.findElement(By.tagName("body")).sendKeys("j");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/customers/" + riskiest));
        wait.until(ExpectedConditions.attributeToBe(By.id("risk-chart"), "data-rendered", "true"));
        assertThat(browser.findElement(By.cssSelector("#risk-chart canvas")).isDisplayed()).isTrue();
        List<WebElement> reasons = browser.findElements(By.cssSelector("#risk-reasons li"));
        assertThat(reasons).isNotEmpty();
        assertThat(reasons.get(0).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("risk-band")).getText()).isIn("HIGH", "CRITICAL");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Order");
        assertThat(browser.findElement(By.id("freshness")).getText()).contains("processor lag");
        screenshot("customer-360.png");
    }

    @Test
    void a_marketer_sees_a_cel_mistake_then_saves_the_fixed_rule() throws Exception {
        open("/console/rules/new");
        String name = "browser-winback-" + RUN;
        type("f-name", name);
        type("f-eligibility", "risk_bnad == \"CRITICAL\"");
        WebElement status = browser.findElement(By.id("eligibility-status"));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "risk_bnad"));
        assertThat(status.getAttribute("class")).contains("bad");
        assertThat(browser.findElement(By.id("f-eligibility")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("rule-error.png");

        type("f-eligibility", "risk_band == \"CRITICAL\" && country == \"" + COUNTRY + "\" && order_count >= 50");
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Expression is valid."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dry-run"), "Would reach"));
        type("f-note", "written in the browser test");
        browser.findElement(By.id("save-rule")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("save-status"), "version 1"));
        wait.until(ExpectedConditions.urlMatches("/console/rules/rule-"));
        screenshot("rule-editor.png");
        given().get("/api/rules").then().statusCode(200).body("definition.name", hasItem(name));

        open("/console/rules");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules-body"), name));
    }

    @Test
    void campaign_and_model_pages_draw_their_charts() throws Exception {
        open("/console/models");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("models-body"), "churn-default-v1"));
        wait.until(ExpectedConditions.attributeToBe(By.id("calibration-chart"), "data-rendered", "true"));
        screenshot("models.png");

        String name = "Lapsed customers, 15 % off (" + RUN + ")";
        String ruleId = campaignHistory(name);
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/campaigns/{id}", ruleId)
                .then().statusCode(200).body("treated.ended", is(12)).body("holdout.ended", is(4)));
        open("/console/campaigns");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Campaign results");
        wait.until(ExpectedConditions.attributeToBe(By.id("campaign-chart"), "data-rendered", "true"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@aria-label='Campaign results per rule']//tr[td/span[@data-rule-id='" + ruleId + "']]")));
        wait.until(ExpectedConditions.textToBePresentInElement(row, name));
        assertThat(row.getText()).contains("8 of 12", "1 of 4", "15.00 EUR", "50 % vs 25 % (of 12 and 4)",
                "+25.0 pp (");
        screenshot("campaigns.png");
    }

    /**
     * Sixteen cases under a rule of their own, driven through the aggregate, opened 50 days ago so that their 14-day
     * windows and the 28-day follow-ups after them have ended: 12 treated (3 redeemed, 5 ordered again, 4 expired;
     * 6 ordered after the window) and 4 held out (1 ordered again, 1 ordered after the window).
     */
    private String campaignHistory(String name) {
        Map<String, Object> rule = OfferRulesApiTest.rule(name);
        String ruleId = given().contentType(ContentType.JSON).body(rule).post("/api/rules")
                .then().statusCode(201).extract().path("ruleId");
        RetentionCases cases = new RetentionCases(commands);
        Instant opened = Instant.now().minus(Duration.ofDays(50));
        for (int i = 0; i < 16; i++) {
            boolean treated = i < 12;
            CustomerId customer = cases.register("c-console", true, opened);
            RetentionCaseId caseId = cases.assign(customer, ruleId,
                    treated ? RetentionGroup.TREATMENT : RetentionGroup.HOLDOUT, opened);
            if (treated) {
                cases.dispatch(customer, caseId, ruleId, opened, RetentionCases.NEVER_QUIET);
            }
            RetentionOutcome outcome = i < 3 ? RetentionOutcome.REDEEMED
                    : i < 8 || i == 12 ? RetentionOutcome.ORDERED_AGAIN : RetentionOutcome.EXPIRED;
            Instant windowEnds = opened.plus(Duration.ofDays(14));
            cases.end(customer, caseId, treated, outcome, outcome == RetentionOutcome.EXPIRED ? windowEnds
                    : opened.plus(Duration.ofDays(2)), windowEnds, windowEnds.plus(Duration.ofDays(28)));
            if (i < 6 || i == 13) {
                cases.order(customer, windowEnds.plus(Duration.ofDays(10)));
            }
        }
        return ruleId;
    }

    /** A dozen customers with different histories, through the storefront API; the served model scores them. */
    private List<String> storefrontHistory() {
        Instant now = Instant.now();
        List<String> customers = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        String[] names = {"Anna Jónsdóttir", "Bjarni Sigurðsson", "Katrín Ólafsdóttir", "Gunnar Einarsson",
            "Sigrún Magnúsdóttir", "Einar Björnsson", "Helga Stefánsdóttir", "Jón Guðmundsson"};
        for (int i = 0; i < names.length; i++) {
            String customer = "is-" + RUN + "-" + i;
            customers.add(customer);
            events.add(event(newId(), "customer.registered", customer, now.minus(Duration.ofDays(400 - 20 * i)), Map.of(
                    "email", "customer" + i + "@example.is", "fullName", names[i], "country", COUNTRY,
                    "marketingConsent", Map.of("EMAIL", true))));
            int orders = 1 + i % 4;
            int lastOrderDaysAgo = 5 + 30 * i;
            for (int o = 0; o < orders; o++) {
                String total = (25 + 15 * o + 10 * i) + ".00";
                events.add(event(newId(), "order.completed", customer,
                        now.minus(Duration.ofDays(lastOrderDaysAgo + 40L * (orders - 1 - o))), Map.of(
                                "orderId", customer + "-o" + o, "total", total, "currency", "EUR",
                                "products", List.of(Map.of("productId", "p-" + o, "category", "books", "quantity", 1,
                                        "price", total)))));
            }
            // the first three still visit: their risk is lower, so the worklist shows more than one band
            for (int visit = 0; i < 3 && visit < 4; visit++) {
                String session = customer + "-s" + visit;
                Instant at = now.minus(Duration.ofDays(1 + 6L * visit + 3L * i));
                events.add(event(newId(), "page.viewed", customer, at, Map.of("sessionId", session,
                        "pageType", "home", "path", "/")));
                events.add(event(newId(), "product.viewed", customer, at.plusSeconds(60), Map.of("sessionId", session,
                        "productId", "p-" + visit, "category", "books")));
                events.add(event(newId(), "session.ended", customer, at.plusSeconds(300), Map.of("sessionId", session)));
            }
            if (i % 3 == 2) {
                events.add(event(newId(), "product.reviewed", customer, now.minus(Duration.ofDays(lastOrderDaysAgo - 2)),
                        Map.of("productId", "p-0", "orderId", customer + "-o0", "rating", 1, "language", "en",
                                "text", "Arrived damaged and nobody answered my emails.")));
            }
            if (i % 4 == 1) {
                events.add(event(newId(), "support_ticket.opened", customer,
                        now.minus(Duration.ofDays(lastOrderDaysAgo - 1)), Map.of("ticketId", customer + "-t1",
                                "category", "delivery", "channel", "email", "language", "en",
                                "text", "My parcel has not arrived after two weeks.")));
            }
        }
        given().contentType(ContentType.JSON).body(json(events)).post("/api/events").then().statusCode(200);
        return customers;
    }

    private void open(String path) throws IOException {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private void screenshot(String file) throws IOException {
        String dir = System.getProperty("keepwell.screenshots.dir");
        if (dir == null) {
            return;
        }
        Path target = Path.of(dir).resolve(file);
        Files.createDirectories(target.getParent());
        Files.write(target, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
