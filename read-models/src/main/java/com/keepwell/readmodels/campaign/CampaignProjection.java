package com.keepwell.readmodels.campaign;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.keepwell.domain.api.CampaignResultView;
import com.keepwell.domain.api.CampaignResultsView;
import com.keepwell.domain.api.FindCampaignResultQuery;
import com.keepwell.domain.api.FindCampaignResultsQuery;
import com.keepwell.domain.api.OfferDispatchRejectedEvent;
import com.keepwell.domain.api.OfferDispatchedEvent;
import com.keepwell.domain.api.OrderedAfterRetentionWindowEvent;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RetentionGroupAssignedEvent;
import com.keepwell.domain.api.RetentionOutcomeRecordedEvent;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RuleId;

import com.keepwell.infra.axon.SequentialProcessing;

import io.quarkus.arc.Unremovable;

/**
 * Campaign results: counts per rule, risk band and arm from the retention events on the customers' streams, and
 * the treated-versus-holdout answers computed from them ({@link CampaignResults}). The token commits with the rows,
 * so each event counts once. Which cases have settled (window closed) depends on the time a question is asked, so
 * those counts are read from {@code campaign_case} with each question.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(CampaignProjection.PROCESSOR)
@SequentialProcessing
public class CampaignProjection {

    public static final String PROCESSOR = "campaign-results";

    private final EntityManager entityManager;

    @Inject
    CampaignProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @EventHandler
    void on(RetentionGroupAssignedEvent e) {
        if (entityManager.find(CampaignCase.class, e.caseId().value()) != null) {
            return;
        }
        entityManager.persist(new CampaignCase(e.caseId().value(), e.ruleId().value(), e.band(), e.group()));
        arm(e.ruleId().value(), e.band(), e.group()).assigned(e.exploring());
    }

    @EventHandler
    void on(OfferDispatchedEvent e) {
        caseOf(e.caseId().value()).ifPresent(c -> arm(c.ruleId, c.band, c.arm).offerSent());
    }

    /** A postponement (quiet hours) is not a refusal: the offer goes out when they end, or the case ends first. */
    @EventHandler
    void on(OfferDispatchRejectedEvent e) {
        if (!e.postponed()) {
            caseOf(e.caseId().value()).ifPresent(c -> arm(c.ruleId, c.band, c.arm).offerRefused());
        }
    }

    @EventHandler
    void on(RetentionOutcomeRecordedEvent e) {
        if (e.ruleId() != null) {
            arm(e.ruleId().value(), e.band(), e.group()).ended(e.outcome(), e.cost());
            caseOf(e.caseId().value()).ifPresent(c -> c.ended(e.retained(),
                    e.cost() == null ? BigDecimal.ZERO : e.cost().amount(), e.settlesAt(), e.followUpEnds()));
        }
    }

    @EventHandler
    void on(OrderedAfterRetentionWindowEvent e) {
        caseOf(e.caseId().value()).ifPresent(CampaignCase::orderedAfterWindow);
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE campaign_arm, campaign_case").executeUpdate();
    }

    @QueryHandler
    CampaignResultsView handle(FindCampaignResultsQuery query) {
        List<CampaignArm> all = withSettled(entityManager.createQuery("from CampaignArm", CampaignArm.class)
                .getResultList(), null);
        Map<String, List<CampaignArm>> byRule = all.stream().collect(Collectors.groupingBy(CampaignArm::ruleId));
        List<CampaignResultView> rules = byRule.entrySet().stream()
                .map(r -> CampaignResults.of(RuleId.of(r.getKey()), r.getValue(), false))
                .sorted(Comparator.comparing(r -> r.ruleId().value()))
                .toList();
        return new CampaignResultsView(rules, CampaignResults.of(null, all, false));
    }

    @QueryHandler
    Optional<CampaignResultView> handle(FindCampaignResultQuery query) {
        List<CampaignArm> arms = withSettled(entityManager.createQuery("from CampaignArm where ruleId = :rule",
                CampaignArm.class).setParameter("rule", query.ruleId().value()).getResultList(), query.ruleId().value());
        return arms.isEmpty() ? Optional.empty() : Optional.of(CampaignResults.of(query.ruleId(), arms, true));
    }

    /**
     * The arms, with their settled and followed-up cases counted as of now (of one rule, or of all with {@code ruleId}
     * null).
     */
    private List<CampaignArm> withSettled(List<CampaignArm> arms, String ruleId) {
        Map<CampaignArm.Key, CampaignArm> byKey = new HashMap<>();
        arms.forEach(a -> byKey.put(CampaignArm.key(a.ruleId(), a.band(), a.arm()), a));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT rule_id, band, arm, count(*), count(*) FILTER (WHERE retained), COALESCE(sum(cost), 0),
                       count(*) FILTER (WHERE follow_up_ends <= now()),
                       count(*) FILTER (WHERE follow_up_ends <= now() AND ordered_after_window)
                FROM campaign_case WHERE settles_at <= now() AND (CAST(:rule AS VARCHAR) IS NULL OR rule_id = :rule)
                GROUP BY rule_id, band, arm""").setParameter("rule", ruleId).getResultList();
        for (Object[] row : rows) {
            CampaignArm arm = byKey.get(CampaignArm.key((String) row[0], RiskBand.valueOf((String) row[1]),
                    RetentionGroup.valueOf((String) row[2])));
            if (arm != null) {
                arm.settled(((Number) row[3]).longValue(), ((Number) row[4]).longValue(), (BigDecimal) row[5]);
                arm.followedUp(((Number) row[6]).longValue(), ((Number) row[7]).longValue());
            }
        }
        return arms;
    }

    private Optional<CampaignCase> caseOf(String caseId) {
        return Optional.ofNullable(entityManager.find(CampaignCase.class, caseId));
    }

    private CampaignArm arm(String ruleId, RiskBand band, RetentionGroup group) {
        CampaignArm arm = entityManager.find(CampaignArm.class, CampaignArm.key(ruleId, band, group));
        if (arm == null) {
            arm = new CampaignArm(ruleId, band, group);
            entityManager.persist(arm);
        }
        return arm;
    }
}
