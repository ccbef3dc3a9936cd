package com.keepwell.readmodels.customer;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.*;

import io.quarkus.arc.Unremovable;

/**
 * Projects customer events into {@link CustomerSummary} rows and answers {@link FindCustomerSummaryQuery}. The
 * processor's token is stored in the same transaction as the rows, so each event counts exactly once.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(CustomerSummaryProjection.PROCESSOR)
public class CustomerSummaryProjection {

    public static final String PROCESSOR = "customer-summary";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager entityManager;

    @Inject
    CustomerSummaryProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(CustomerRegisteredEvent e) {
        update(e, s -> s.registered(e));
    }

    @EventHandler
    void on(CustomerSignedInEvent e) {
        update(e, s -> { });
    }

    @EventHandler
    void on(SessionRecordedEvent e) {
        update(e, CustomerSummary::sessionRecorded);
    }

    @EventHandler
    void on(ProductAddedToCartEvent e) {
        update(e, s -> { });
    }

    @EventHandler
    void on(ProductRemovedFromCartEvent e) {
        update(e, s -> { });
    }

    @EventHandler
    void on(CheckoutStartedEvent e) {
        update(e, s -> { });
    }

    @EventHandler
    void on(OrderPlacedEvent e) {
        update(e, s -> s.orderPlaced(e.total()));
    }

    @EventHandler
    void on(OrderRefundedEvent e) {
        update(e, s -> s.refunded(e.amount()));
    }

    @EventHandler
    void on(OrderCancelledEvent e) {
        update(e, s -> s.orderCancelled(e.voidedAmount()));
    }

    @EventHandler
    void on(ProductReviewedEvent e) {
        update(e, CustomerSummary::reviewed);
    }

    @EventHandler
    void on(SupportTicketOpenedEvent e) {
        update(e, CustomerSummary::ticketOpened);
    }

    @EventHandler
    void on(SupportTicketResolvedEvent e) {
        update(e, CustomerSummary::ticketResolved);
    }

    @EventHandler
    void on(MarketingConsentChangedEvent e) {
        update(e, s -> s.consentChanged(e.channel(), e.granted()));
    }

    @EventHandler
    void on(CouponAppliedEvent e) {
        update(e, s -> { });
    }

    @EventHandler
    void on(AccountClosedEvent e) {
        update(e, CustomerSummary::accountClosed);
    }

    @EventHandler
    void on(RiskAssessedEvent e) {
        summaryOf(e.customerId()).riskAssessed(e);
    }

    @EventHandler
    void on(OfferDispatchedEvent e) {
        summaryOf(e.customerId()).offerDispatched(e);
    }

    @EventHandler
    void on(RetentionOutcomeRecordedEvent e) {
        summaryOf(e.customerId()).retentionOutcome(e);
    }

    private CustomerSummary summaryOf(CustomerId id) {
        CustomerSummary summary = entityManager.find(CustomerSummary.class, id.value());
        if (summary == null) {
            summary = new CustomerSummary(id);
            entityManager.persist(summary);
        }
        return summary;
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE customer_summary").executeUpdate();
    }

    @QueryHandler
    Optional<CustomerSummaryView> handle(FindCustomerSummaryQuery query) {
        return Optional.ofNullable(entityManager.find(CustomerSummary.class, query.customerId().value()))
                .map(CustomerSummary::toView);
    }

    @QueryHandler
    CustomerCountView handle(FindCustomerCountQuery query) {
        Object[] counts = (Object[]) entityManager.createQuery(
                "select count(s), coalesce(sum(case when s.registered = true then 1 else 0 end), 0) "
                        + "from CustomerSummary s").getSingleResult();
        return new CustomerCountView(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    /**
     * The worklist straight from the table, in SQL: a keyset page over (risk score, customer id), so page 1,000 costs
     * what page 1 does and rows inserted meanwhile neither repeat nor vanish.
     */
    @QueryHandler
    WorklistView handle(FindWorklistQuery q) {
        StringBuilder sql = new StringBuilder("SELECT customer_id, country, tier, risk_score, risk_band,"
                + " jsonb_path_query_array(COALESCE(risk_reasons, '[]'::jsonb), '$[*].text')::text, risk_assessed_at,"
                + " orders, open_tickets, last_activity_at FROM customer_summary"
                + " WHERE risk_band IS NOT NULL AND NOT account_closed");
        List<Object> args = new ArrayList<>();
        if (!q.bands().isEmpty()) {
            sql.append(" AND risk_band IN (").append(String.join(", ", q.bands().stream().map(b -> "?").toList()))
                    .append(")");
            q.bands().forEach(b -> args.add(b.name()));
        }
        if (!q.tiers().isEmpty()) {
            sql.append(" AND tier IN (").append(String.join(", ", q.tiers().stream().map(t -> "?").toList()))
                    .append(")");
            q.tiers().forEach(t -> args.add(t.name()));
        }
        if (q.country() != null) {
            sql.append(" AND country = ?");
            args.add(q.country());
        }
        if (q.hasOpenOffer() != null) {
            sql.append(q.hasOpenOffer() ? " AND open_offer_id IS NOT NULL" : " AND open_offer_id IS NULL");
        }
        if (q.reason() != null) {
            sql.append(" AND risk_reasons @> CAST(? AS jsonb)");
            args.add(json(List.of(java.util.Map.of("code", q.reason()))));
        }
        String direction = q.ascending() ? "ASC" : "DESC";
        if (q.after() != null) {
            sql.append(q.ascending() ? " AND (risk_score > ? OR (risk_score = ? AND customer_id > ?))"
                    : " AND (risk_score < ? OR (risk_score = ? AND customer_id > ?))");
            args.add(q.after().riskScore());
            args.add(q.after().riskScore());
            args.add(q.after().customerId());
        }
        sql.append(" ORDER BY risk_score ").append(direction).append(", customer_id ASC LIMIT ?");
        args.add(q.limit() + 1);
        var query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            query.setParameter(i + 1, args.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<WorklistView.Item> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), q.limit()))) {
            items.add(new WorklistView.Item(CustomerId.of((String) r[0]), (String) r[1],
                    CustomerTier.valueOf((String) r[2]), ((Number) r[3]).doubleValue(), RiskBand.valueOf((String) r[4]),
                    readTexts((String) r[5]), instant(r[6]), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                    instant(r[9])));
        }
        WorklistView.Item last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new WorklistView(items, rows.size() > q.limit() && last != null
                ? new FindWorklistQuery.WorklistPosition(last.riskScore(), last.customerId().value()) : null);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readTexts(String json) {
        try {
            return json == null ? List.of() : List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }

    private void update(CustomerEvent event, Consumer<CustomerSummary> change) {
        CustomerSummary summary = summaryOf(event.customerId());
        summary.seenAt(event.occurredAt());
        change.accept(summary);
    }
}
