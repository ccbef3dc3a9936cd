package com.keepwell.readmodels.campaign;

import java.util.Comparator;
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
 * so each event counts once.
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
        arm(e.ruleId().value(), e.band(), e.group()).assigned();
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
        }
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE campaign_arm, campaign_case").executeUpdate();
    }

    @QueryHandler
    CampaignResultsView handle(FindCampaignResultsQuery query) {
        List<CampaignArm> all = entityManager.createQuery("from CampaignArm", CampaignArm.class).getResultList();
        Map<String, List<CampaignArm>> byRule = all.stream().collect(Collectors.groupingBy(CampaignArm::ruleId));
        List<CampaignResultView> rules = byRule.entrySet().stream()
                .map(r -> CampaignResults.of(RuleId.of(r.getKey()), r.getValue(), false))
                .sorted(Comparator.comparing(r -> r.ruleId().value()))
                .toList();
        return new CampaignResultsView(rules, CampaignResults.of(null, all, false));
    }

    @QueryHandler
    Optional<CampaignResultView> handle(FindCampaignResultQuery query) {
        List<CampaignArm> arms = entityManager.createQuery("from CampaignArm where ruleId = :rule", CampaignArm.class)
                .setParameter("rule", query.ruleId().value()).getResultList();
        return arms.isEmpty() ? Optional.empty() : Optional.of(CampaignResults.of(query.ruleId(), arms, true));
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
