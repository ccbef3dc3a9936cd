package com.keepwell.readmodels.activity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.keepwell.domain.api.*;

import io.quarkus.arc.Unremovable;

/** Projects what happened to each customer into {@link TimelineEntry} rows; answers {@link FindCustomerTimelineQuery}. */
@ApplicationScoped
@Unremovable
@ProcessingGroup(TimelineProjection.PROCESSOR)
public class TimelineProjection {

    /** The processor of the customer's activity read models: timeline, risk history and offer history. */
    public static final String PROCESSOR = "customer-activity";

    private final EntityManager entityManager;

    @Inject
    TimelineProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(CustomerRegisteredEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(SessionRecordedEvent e) {
        List<TimelineEntry> days = entityManager.createQuery(
                "select t from TimelineEntry t where t.customerId = :customer and t.dayKey = :day", TimelineEntry.class)
                .setParameter("customer", e.customerId().value())
                .setParameter("day", TimelineEntry.dayOf(e.occurredAt()))
                .getResultList();
        TimelineEntry day = days.isEmpty() ? TimelineEntry.sessionsOf(e.customerId(), e.occurredAt()) : days.get(0);
        day.addSession(e.occurredAt(), e.pageViews(), e.productViews());
        if (days.isEmpty()) {
            entityManager.persist(day);
        }
    }

    @EventHandler
    void on(OrderPlacedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(OrderCancelledEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(OrderRefundedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(ProductReviewedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(SupportTicketOpenedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(SupportTicketResolvedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(MarketingConsentChangedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(CouponAppliedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(AccountClosedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(RiskAssessedEvent e) {
        if (Timeline.bandChanged(e)) {
            add(Timeline.of(e));
        }
    }

    @EventHandler
    void on(RetentionGroupAssignedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(RetentionUnservedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(RetentionCaseDeferredEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(OfferDispatchedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(OfferDispatchRejectedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(OfferFeedbackRecordedEvent e) {
        add(Timeline.of(e));
    }

    @EventHandler
    void on(RetentionOutcomeRecordedEvent e) {
        add(Timeline.of(e));
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE customer_timeline").executeUpdate();
    }

    private void add(TimelineEntry entry) {
        entityManager.persist(entry);
    }

    /** Newest first, keyset-paged on (occurred at, id). */
    @QueryHandler
    CustomerTimelineView handle(FindCustomerTimelineQuery q) {
        var before = q.before();
        var query = entityManager.createQuery("select t from TimelineEntry t where t.customerId = :customer"
                + (before == null ? "" : " and (t.occurredAt < :at or (t.occurredAt = :at and t.id < :id))")
                + " order by t.occurredAt desc, t.id desc", TimelineEntry.class)
                .setParameter("customer", q.customerId().value())
                .setMaxResults(q.limit() + 1);
        if (before != null) {
            query.setParameter("at", before.occurredAt()).setParameter("id", before.entryId());
        }
        List<TimelineEntry> rows = query.getResultList();
        List<CustomerTimelineView.Entry> entries = rows.stream().limit(q.limit()).map(TimelineEntry::toView).toList();
        CustomerTimelineView.Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        return new CustomerTimelineView(entries, rows.size() > q.limit() && last != null
                ? new FindCustomerTimelineQuery.TimelinePosition(last.occurredAt(), last.id()) : null);
    }
}
