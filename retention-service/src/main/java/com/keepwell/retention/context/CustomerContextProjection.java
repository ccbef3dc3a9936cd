package com.keepwell.retention.context;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.AccountClosedEvent;
import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.domain.api.CustomerRegisteredEvent;
import com.keepwell.domain.api.MarketingConsentChangedEvent;
import com.keepwell.domain.api.OrderCancelledEvent;
import com.keepwell.domain.api.OrderLine;
import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.domain.api.OrderRefundedEvent;
import com.keepwell.domain.api.ProductReviewedEvent;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.SessionRecordedEvent;
import com.keepwell.domain.api.CustomerSignedInEvent;
import com.keepwell.domain.api.RiskReason;
import com.keepwell.domain.api.SupportTicketOpenedEvent;
import com.keepwell.domain.api.SupportTicketResolvedEvent;

import io.quarkus.arc.Unremovable;

/**
 * The retention service's own view of each customer: the facts eligibility expressions look at (orders, revenue,
 * consents, categories, tickets, the latest risk). Retention keeps it itself because services never read each
 * other's tables. Amounts are added up as numbers: one shop, one currency, is the assumption (docs/retention.md).
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(CustomerContextProjection.PROCESSOR)
public class CustomerContextProjection {

    public static final String PROCESSOR = "retention-customers";

    private final DataSource dataSource;
    private final ObjectMapper json;

    @Inject
    CustomerContextProjection(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @EventHandler
    void on(CustomerRegisteredEvent e) {
        update(e, "UPDATE retention_customer SET country = ?, language = ?, closed = FALSE, consents = consents || ?::jsonb"
                + " WHERE customer_id = ?", e.country(), e.language(), write(e.consents() == null ? Map.of()
                : e.consents()), e.customerId().value());
    }

    @EventHandler
    void on(OrderPlacedEvent e) {
        Map<String, Integer> categories = new LinkedHashMap<>();
        for (OrderLine line : e.lines() == null ? List.<OrderLine>of() : e.lines()) {
            if (line.category() != null) {
                categories.merge(line.category(), line.quantity(), Integer::sum);
            }
        }
        visited(e);
        // categories: item counts per category, this order's added to those already there
        update(e, "UPDATE retention_customer SET order_count = order_count + 1, coupon_orders = coupon_orders + ?,"
                + " net_revenue = net_revenue + ?, last_order_at = GREATEST(last_order_at, ?),"
                + " categories = COALESCE((SELECT jsonb_object_agg(key, total) FROM (SELECT key, SUM(value::int) AS total"
                + " FROM (SELECT * FROM jsonb_each_text(categories) UNION ALL SELECT * FROM jsonb_each_text(?::jsonb))"
                + " counts GROUP BY key) merged), '{}'::jsonb) WHERE customer_id = ?",
                e.couponCode() != null && !e.couponCode().isBlank() ? 1 : 0, e.total().amount(),
                Timestamp.from(e.occurredAt()), write(categories), e.customerId().value());
    }

    @EventHandler
    void on(OrderCancelledEvent e) {
        BigDecimal voided = e.voidedAmount() == null ? BigDecimal.ZERO : e.voidedAmount().amount();
        update(e, "UPDATE retention_customer SET net_revenue = net_revenue - ? WHERE customer_id = ?", voided,
                e.customerId().value());
    }

    @EventHandler
    void on(OrderRefundedEvent e) {
        update(e, "UPDATE retention_customer SET net_revenue = net_revenue - ? WHERE customer_id = ?",
                e.amount().amount(), e.customerId().value());
    }

    @EventHandler
    void on(MarketingConsentChangedEvent e) {
        update(e, "UPDATE retention_customer SET consents = consents || ?::jsonb WHERE customer_id = ?",
                write(Map.of(e.channel().name(), e.granted())), e.customerId().value());
    }

    @EventHandler
    void on(SupportTicketOpenedEvent e) {
        update(e, "UPDATE retention_customer SET open_tickets = open_tickets + 1 WHERE customer_id = ?",
                e.customerId().value());
    }

    @EventHandler
    void on(SupportTicketResolvedEvent e) {
        update(e, "UPDATE retention_customer SET open_tickets = GREATEST(0, open_tickets - 1) WHERE customer_id = ?",
                e.customerId().value());
    }

    @EventHandler
    void on(SessionRecordedEvent e) {
        // a visit, and VisitRate.plus in SQL: decay the weight to the newer instant, add the session there
        Timestamp at = Timestamp.from(e.occurredAt());
        double memory = VisitRate.MEMORY.toSeconds();
        update(e, "UPDATE retention_customer SET last_visit_at = GREATEST(last_visit_at, ?),"
                + " visit_weight = CASE WHEN visit_weight_at IS NULL THEN 1"
                + "   WHEN ? > visit_weight_at THEN visit_weight * exp(-extract(epoch FROM ? - visit_weight_at) / ?) + 1"
                + "   ELSE visit_weight + exp(-extract(epoch FROM visit_weight_at - ?) / ?) END,"
                + " visit_weight_at = GREATEST(visit_weight_at, ?) WHERE customer_id = ?",
                at, at, at, memory, at, memory, at, e.customerId().value());
    }

    @EventHandler
    void on(CustomerSignedInEvent e) {
        visited(e);
    }

    private void visited(CustomerEvent e) {
        update(e, "UPDATE retention_customer SET last_visit_at = GREATEST(last_visit_at, ?) WHERE customer_id = ?",
                Timestamp.from(e.occurredAt()), e.customerId().value());
    }

    @EventHandler
    void on(ProductReviewedEvent e) {
        update(e, "UPDATE retention_customer SET rating_sum = rating_sum + ?, rating_count = rating_count + 1"
                + " WHERE customer_id = ?", e.rating(), e.customerId().value());
    }

    @EventHandler
    void on(AccountClosedEvent e) {
        update(e, "UPDATE retention_customer SET closed = TRUE WHERE customer_id = ?", e.customerId().value());
    }

    @EventHandler
    void on(RiskAssessedEvent e) {
        ensure(e.customerId().value(), e.assessedAt());
        execute("UPDATE retention_customer SET risk_score = ?, risk_band = ?, risk_reasons = ?::jsonb"
                + " WHERE customer_id = ?", e.score().value(), e.band().name(),
                write(e.reasons().stream().map(RiskReason::code).toList()), e.customerId().value());
    }

    /**
     * A rebuild starts from an empty table (in the transaction that resets the token); until the replay has caught
     * up, {@link CustomerContexts} refuses to answer, so no decision is taken on a half-built context.
     */
    @ResetHandler
    void reset() {
        execute("TRUNCATE retention_customer");
    }

    private void update(CustomerEvent e, String sql, Object... args) {
        ensure(e.customerId().value(), e.occurredAt());
        execute(sql, args);
    }

    private void ensure(String customerId, Instant at) {
        execute("INSERT INTO retention_customer (customer_id, first_seen) VALUES (?, ?) ON CONFLICT (customer_id)"
                + " DO UPDATE SET first_seen = LEAST(retention_customer.first_seen, EXCLUDED.first_seen)",
                customerId, Timestamp.from(at));
    }

    private void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retention customer projection failed: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
