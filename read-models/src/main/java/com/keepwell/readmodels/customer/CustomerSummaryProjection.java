package com.keepwell.readmodels.customer;

import java.io.IOException;
import java.math.BigDecimal;
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

import com.keepwell.readmodels.SqlValues;

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

    /** The worklist straight from the table, in SQL ({@link WorklistSql}). */
    @QueryHandler
    WorklistView handle(FindWorklistQuery q) {
        WorklistSql statement = WorklistSql.of(q);
        var query = entityManager.createNativeQuery(statement.sql());
        for (int i = 0; i < statement.args().size(); i++) {
            query.setParameter(i + 1, statement.args().get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<WorklistView.Item> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), q.limit()))) {
            items.add(new WorklistView.Item(CustomerId.of((String) r[0]), (String) r[1],
                    CustomerTier.valueOf((String) r[2]), ((Number) r[3]).doubleValue(), RiskBand.valueOf((String) r[4]),
                    readTexts((String) r[5]), SqlValues.instant(r[6]), ((Number) r[7]).intValue(),
                    ((Number) r[8]).intValue(), SqlValues.instant(r[9]), SqlValues.instant(r[10]),
                    Boolean.TRUE.equals(r[11]), (BigDecimal) r[12]));
        }
        WorklistView.Item last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new WorklistView(items, rows.size() > q.limit() && last != null
                ? new FindWorklistQuery.WorklistPosition(q.sort() == FindWorklistQuery.Sort.VALUE_AT_RISK
                        ? last.valueAtRisk().doubleValue() : last.riskScore(), last.customerId().value()) : null);
    }

    private static List<String> readTexts(String json) {
        try {
            return json == null ? List.of() : List.of(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private void update(CustomerEvent event, Consumer<CustomerSummary> change) {
        CustomerSummary summary = summaryOf(event.customerId());
        summary.seenAt(event.occurredAt());
        change.accept(summary);
    }
}
