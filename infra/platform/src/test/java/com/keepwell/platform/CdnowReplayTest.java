package com.keepwell.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.simulator.EventSink;
import com.keepwell.simulator.HttpEventSink;
import com.keepwell.simulator.RecordedEvents;
import com.keepwell.simulator.Replay;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real CDNOW purchase history replays completely through the ingestion API, and is treated as an import of
 * history: assessed as of its own time while it runs, as of now once it is over.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CdnowReplayTest {

    private static final Path CDNOW = Path.of("..", "..", "..", "shared", "data", "cdnow",
            "cdnow_master.events.jsonl.gz");

    @TestHTTPResource("/")
    URL platform;

    @Inject
    DataSource dataSource;

    @Test
    void every_cdnow_event_is_accepted_and_every_customer_appears() throws Exception {
        List<RecordedEvents.Recorded> events = RecordedEvents.read(CDNOW, "/cdnow");
        assertThat(events).hasSize(69_659);

        EventSink.Counts counts;
        try (HttpEventSink sink = new HttpEventSink(platform.toString(), 1000)) {
            counts = Replay.run(events, sink, 0, System.out);
        }

        assertThat(counts.sent()).isEqualTo(69_659);
        assertThat(counts.accepted()).isEqualTo(69_659);
        assertThat(counts.refused()).isZero();
        assertThat(count("SELECT count(DISTINCT aggregateidentifier) FROM domainevententry "
                + "WHERE aggregateidentifier LIKE 'cdnow-%'")).isEqualTo(23_570);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM customer_summary WHERE customer_id LIKE 'cdnow-%'"))
                        .isEqualTo(23_570));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(count("SELECT coalesce(sum(orders), 0) FROM customer_summary WHERE customer_id LIKE 'cdnow-%'"))
                        .isEqualTo(69_659));
        int ordersOfCustomer4 = (int) events.stream().filter(e -> e.customerId().equals("cdnow-00004")).count();
        assertThat(ordersOfCustomer4).isGreaterThan(1);
        given().get("/api/customers/cdnow-00004").then().statusCode(200).body("orders", equalTo(ordersOfCustomer4));

        // an import of old events: scored as of its own time and marked historical while it runs; once it is over,
        // the sweep scores every customer as of now at once (the assessment retention may act on)
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM customer_features WHERE customer_id LIKE 'cdnow-%'"
                        + " AND last_recorded_at IS NOT NULL AND NOT last_recorded_historical")).isEqualTo(23_570));
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE 'cdnow-%'"
                + " AND payloadtype LIKE '%RiskAssessedEvent'"
                + " AND (convert_from(payload, 'UTF8')::jsonb->>'historical')::boolean")).isPositive();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
