package com.keepwell.readmodels.customer;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;

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

    private final EntityManager entityManager;

    @Inject
    CustomerSummaryProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(CustomerRegisteredEvent e) {
        update(e, s -> s.registered(e.country(), e.consents()));
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
        CustomerSummary summary = entityManager.find(CustomerSummary.class, e.customerId().value());
        if (summary == null) {
            summary = new CustomerSummary(e.customerId());
            entityManager.persist(summary);
        }
        summary.riskAssessed(e);
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

    private void update(CustomerEvent event, Consumer<CustomerSummary> change) {
        CustomerSummary summary = entityManager.find(CustomerSummary.class, event.customerId().value());
        if (summary == null) {
            summary = new CustomerSummary(event.customerId());
            entityManager.persist(summary);
        }
        summary.seenAt(event.occurredAt());
        change.accept(summary);
    }
}
