package com.keepwell.readmodels.activity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.keepwell.domain.api.FindOfferHistoryQuery;
import com.keepwell.domain.api.OfferDispatchedEvent;
import com.keepwell.domain.api.OfferFeedbackRecordedEvent;
import com.keepwell.domain.api.OfferHistoryView;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;

import io.quarkus.arc.Unremovable;

/** Keeps each customer's offers with their channel reports and outcome; answers {@link FindOfferHistoryQuery}. */
@ApplicationScoped
@Unremovable
@ProcessingGroup(TimelineProjection.PROCESSOR)
public class OfferHistoryProjection {

    private final EntityManager entityManager;

    @Inject
    OfferHistoryProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(OfferDispatchedEvent e) {
        if (entityManager.find(OfferRecord.class, e.offerId().value()) == null) {
            entityManager.persist(new OfferRecord(e));
        }
    }

    @EventHandler
    void on(OfferFeedbackRecordedEvent e) {
        OfferRecord offer = entityManager.find(OfferRecord.class, e.offerId().value());
        if (offer != null) {
            offer.feedback(e);
        }
    }

    /** Holdout cases and cases that ended before an offer went out have no offer row. */
    @EventHandler
    void on(RetentionOutcomeRecordedEvent e) {
        OfferRecord offer = e.offerId() == null ? null : entityManager.find(OfferRecord.class, e.offerId().value());
        if (offer != null) {
            offer.ended(e);
        }
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE offer_history").executeUpdate();
    }

    @QueryHandler
    OfferHistoryView handle(FindOfferHistoryQuery q) {
        return new OfferHistoryView(entityManager.createQuery(
                "select o from OfferRecord o where o.customerId = :customer order by o.dispatchedAt desc",
                OfferRecord.class)
                .setParameter("customer", q.customerId().value())
                .setMaxResults(500)
                .getResultStream().map(OfferRecord::toView).toList());
    }
}
