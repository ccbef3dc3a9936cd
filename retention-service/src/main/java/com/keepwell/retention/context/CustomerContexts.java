package com.keepwell.retention.context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.CustomerValue;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.infra.axon.ProjectionRebuilding;
import com.keepwell.infra.axon.Processors;

/**
 * Reads {@link CustomerContext}s from the retention customer table. While that table is being rebuilt it answers
 * nothing ({@link ProjectionRebuilding}): a customer not replayed yet would look unknown, or younger and poorer than
 * they are.
 */
@ApplicationScoped
public class CustomerContexts {

    private static final String COLUMNS = "customer_id, country, language, first_seen, order_count, coupon_orders,"
            + " net_revenue, last_order_at, open_tickets, consents::text, categories::text, risk_score, risk_band,"
            + " risk_reasons::text, rating_sum, rating_count, last_visit_at, visit_weight, visit_weight_at";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Processors processors;

    @Inject
    public CustomerContexts(DataSource dataSource, ObjectMapper json, Processors processors) {
        this.dataSource = dataSource;
        this.json = json;
        this.processors = processors;
    }

    private void requireBuilt() {
        processors.requireBuilt(CustomerContextProjection.PROCESSOR, "the retention customer context");
    }

    /** The context projection has not reached the customer's first events yet; try again once it has. */
    public static final class NotYetSeen extends IllegalStateException {
        NotYetSeen(String customerId) {
            super("the retention customer context (processor '" + CustomerContextProjection.PROCESSOR + "') has not"
                    + " yet seen customer " + customerId + " after " + WAIT_FOR_CUSTOMER.toSeconds() + " s; the"
                    + " decision waits until it has");
        }
    }

    /** How long a decision waits in place for the context projection to reach a customer it has not seen. */
    static final Duration WAIT_FOR_CUSTOMER = Duration.ofSeconds(5);

    /**
     * The customer's context at {@code now}, with the risk as assessed (which may be newer than the table's); empty
     * for a closed account. The projection runs beside the saga, not before it: a customer assessed right after
     * signing up may not be in the table yet. That is a lag, not an unknown customer (every event the projection
     * handles, the assessment included, creates the row), so this waits for the row, up to
     * {@link #WAIT_FOR_CUSTOMER}, and then throws {@link NotYetSeen}: the saga's unit of work fails and is retried,
     * instead of the case ending unserved for a customer who merely arrived a moment ago.
     */
    public Optional<CustomerContext> load(String customerId, double score, RiskBand band, List<String> reasons,
            Instant now) {
        requireBuilt();
        long deadline = System.nanoTime() + WAIT_FOR_CUSTOMER.toNanos();
        while (true) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                            + ", closed FROM retention_customer WHERE customer_id = ?")) {
                s.setString(1, customerId);
                ResultSet rows = s.executeQuery();
                if (rows.next()) {
                    return rows.getBoolean("closed") ? Optional.empty()
                            : Optional.of(read(rows, score, band, reasons, now));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the retention context of " + customerId, e);
            }
            if (System.nanoTime() > deadline) {
                throw new NotYetSeen(customerId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotYetSeen(customerId);
            }
        }
    }

    /** The customer's latest assessed risk band; empty for a closed account or one never assessed. */
    public Optional<RiskBand> latestBand(String customerId) {
        requireBuilt();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT risk_band FROM retention_customer WHERE customer_id = ? AND NOT closed")) {
            s.setString(1, customerId);
            ResultSet rows = s.executeQuery();
            return rows.next() && rows.getString(1) != null ? Optional.of(RiskBand.valueOf(rows.getString(1)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the risk band of " + customerId, e);
        }
    }

    /** Every open account currently in one of {@code bands}, with its latest assessed risk. */
    public void forEachAtRisk(List<RiskBand> bands, Instant now, Consumer<CustomerContext> action) {
        requireBuilt();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM retention_customer WHERE NOT closed AND risk_band = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", bands.stream().map(Enum::name).toArray()));
            s.setFetchSize(1000);
            ResultSet rows = s.executeQuery();
            while (rows.next()) {
                action.accept(read(rows, rows.getDouble("risk_score"), RiskBand.valueOf(rows.getString("risk_band")),
                        readList(rows.getString(14)), now));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read customers at risk", e);
        }
    }

    private CustomerContext read(ResultSet rows, double score, RiskBand band, List<String> reasons, Instant now)
            throws SQLException {
        Instant firstSeen = rows.getTimestamp("first_seen").toInstant();
        Timestamp lastOrder = rows.getTimestamp("last_order_at");
        Timestamp lastVisit = rows.getTimestamp("last_visit_at");
        long tenure = CustomerContext.daysBetween(firstSeen, now);
        long orders = rows.getLong("order_count");
        Timestamp visitWeightAt = rows.getTimestamp("visit_weight_at");
        VisitRate visits = visitWeightAt == null ? VisitRate.NONE
                : new VisitRate(rows.getDouble("visit_weight"), visitWeightAt.toInstant());
        double revenue = rows.getBigDecimal("net_revenue").doubleValue();
        Map<String, Boolean> consents = readMap(rows.getString(10), new TypeReference<Map<String, Boolean>>() { });
        Map<String, Integer> categories = readMap(rows.getString(11), new TypeReference<Map<String, Integer>>() { });
        int items = categories.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> shares = new HashMap<>();
        categories.forEach((category, count) -> shares.put(category, items == 0 ? 0.0 : count / (double) items));
        String top = categories.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey).orElse("");
        return new CustomerContext(rows.getString("customer_id"), score, band, reasons, tenure, orders, revenue,
                CustomerValue.yearIfKept(revenue, tenure), CustomerContext.tierOf(revenue),
                lastOrder == null ? tenure : CustomerContext.daysBetween(lastOrder.toInstant(), now),
                lastVisit == null ? tenure : CustomerContext.daysBetween(lastVisit.toInstant(), now),
                visits.perMonth(now, tenure),
                orders == 0 ? 0.0 : revenue / orders,
                rows.getInt("rating_count") == 0 ? 0.0 : rows.getInt("rating_sum") / (double) rows.getInt("rating_count"),
                rows.getString("country"), rows.getString("language"), consents, top, shares,
                rows.getLong("open_tickets"), orders == 0 ? 0.0 : rows.getLong("coupon_orders") / (double) orders);
    }

    private <T> Map<String, T> readMap(String body, TypeReference<Map<String, T>> type) {
        try {
            return body == null ? Map.of() : json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> readList(String body) {
        try {
            return body == null ? List.of() : json.readValue(body, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
