package com.keepwell.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.keepwell.infra.testing.EmbeddedInfraTestResource;
import com.keepwell.readmodels.activity.RiskHistoryRetention;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The risk history keeps what was recorded in the last 400 days (keep-for's default). The test's rows are dated in
 * the 1940s and the purge is run "as of" 1950, so the other tests' assessments, recorded today, are out of its reach.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RiskHistoryRetentionTest {

    @Inject
    DataSource dataSource;

    @Inject
    RiskHistoryRetention retention;

    @Test
    void assessments_recorded_before_keep_for_are_removed_and_newer_ones_stay() throws Exception {
        String customer = "c-retention-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.parse("1950-01-01T00:00:00Z");
        insert(customer, "old", Instant.parse("1948-01-01T00:00:00Z"), Instant.parse("1948-01-01T00:00:00Z"));
        insert(customer, "just-older", now.minus(Duration.ofDays(401)),
                now.minus(Duration.ofDays(400)).minusSeconds(1));
        // old features, recorded recently (a replay of history): its recording time counts
        insert(customer, "replayed", Instant.parse("1930-06-01T00:00:00Z"), now.minus(Duration.ofDays(3)));
        insert(customer, "recent", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(10)));

        assertThat(retention.prune(now)).isGreaterThanOrEqualTo(2);

        assertThat(remaining(customer)).containsExactlyInAnyOrder(customer + "-replayed", customer + "-recent");
        assertThat(retention.prune(now)).isZero();
    }

    @Test
    void more_than_one_batch_is_removed_in_one_run() throws Exception {
        String customer = "c-retention-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO risk_history (assessment_id, customer_id, features_as_of, assessed_at, score, band,"
                        + " model_version) SELECT ? || n, ?, TIMESTAMPTZ '1940-01-01', TIMESTAMPTZ '1940-01-01', 0.5,"
                        + " 'LOW', 'm-1' FROM generate_series(1, 25000) AS n")) {
            s.setString(1, customer + "-");
            s.setString(2, customer);
            assertThat(s.executeUpdate()).isEqualTo(25_000);
        }

        assertThat(retention.prune(Instant.parse("1950-01-01T00:00:00Z"))).isGreaterThanOrEqualTo(25_000);
        assertThat(remaining(customer)).isEmpty();
    }

    private void insert(String customer, String name, Instant featuresAsOf, Instant assessedAt) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO risk_history (assessment_id, customer_id, features_as_of, assessed_at, score, band,"
                        + " model_version) VALUES (?, ?, ?, ?, 0.5, 'LOW', 'm-1')")) {
            s.setString(1, customer + "-" + name);
            s.setString(2, customer);
            s.setTimestamp(3, Timestamp.from(featuresAsOf));
            s.setTimestamp(4, Timestamp.from(assessedAt));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private List<String> remaining(String customer) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT assessment_id FROM risk_history WHERE customer_id = ?")) {
            q.setString(1, customer);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
