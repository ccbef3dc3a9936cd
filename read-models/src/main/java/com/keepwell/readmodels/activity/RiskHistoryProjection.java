package com.keepwell.readmodels.activity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.keepwell.domain.api.FindRiskHistoryQuery;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskHistoryView;

import io.quarkus.arc.Unremovable;

/** Keeps every risk assessment per customer; answers {@link FindRiskHistoryQuery}. */
@ApplicationScoped
@Unremovable
@ProcessingGroup(TimelineProjection.PROCESSOR)
public class RiskHistoryProjection {

    private final EntityManager entityManager;

    @Inject
    RiskHistoryProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(RiskAssessedEvent e) {
        // the assessment id is derived from customer, feature time and model: a re-recorded assessment is the same row
        if (entityManager.find(RiskPoint.class, e.assessmentId()) == null) {
            entityManager.persist(new RiskPoint(e));
        }
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE risk_history").executeUpdate();
    }

    /** The newest {@code limit} assessments, returned oldest first (the order a chart draws them). */
    @QueryHandler
    RiskHistoryView handle(FindRiskHistoryQuery q) {
        List<RiskHistoryView.Point> points = new ArrayList<>(entityManager.createQuery(
                "select r from RiskPoint r where r.customerId = :customer order by r.featuresAsOf desc, r.assessedAt desc",
                RiskPoint.class)
                .setParameter("customer", q.customerId().value())
                .setMaxResults(q.limit())
                .getResultStream().map(RiskPoint::toView).toList());
        Collections.reverse(points);
        return new RiskHistoryView(points);
    }
}
