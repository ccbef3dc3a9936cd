package com.keepwell.retention.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.retention.budget.Budgets;

/**
 * Saves rules as versions: every change writes a new, immutable version row with who, when and why, and moves the
 * current row forward. Saving validates the whole rule first and refuses it with every problem named. An update
 * may name the version it was based on; if someone saved in between, it is refused rather than silently lost.
 */
@ApplicationScoped
public class RuleStore {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Budgets budgets;
    private final Clock clock;

    @Inject
    RuleStore(EntityManager em, ObjectMapper json, Budgets budgets) {
        this.em = em;
        this.json = json;
        this.budgets = budgets;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public RuleView create(RuleDefinition definition, String user, String note) {
        requireValid(definition);
        OfferRuleRow row = new OfferRuleRow();
        row.ruleId = "rule-" + UUID.randomUUID().toString().substring(0, 8);
        row.version = 0;
        return save(row, true, definition, user, note);
    }

    @Transactional
    public RuleView update(String ruleId, Integer basedOnVersion, RuleDefinition definition, String user, String note) {
        requireValid(definition);
        OfferRuleRow row = em.find(OfferRuleRow.class, ruleId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw notFound(ruleId);
        }
        if (basedOnVersion != null && basedOnVersion != row.version) {
            throw new ProblemException(Problem.of("rule-version-conflict", "Rule changed meanwhile", 409,
                    "rule " + ruleId + " is at version " + row.version + ", your change was based on version "
                            + basedOnVersion + "; reload it, reapply your change and save again"));
        }
        return save(row, false, definition, user, note);
    }

    private RuleView save(OfferRuleRow row, boolean isNew, RuleDefinition definition, String user, String note) {
        Instant now = clock.instant();
        String body = write(definition);
        row.version += 1;
        row.name = definition.name();
        row.priority = definition.priority();
        row.enabled = Boolean.TRUE.equals(definition.enabled());
        row.definition = body;
        row.updatedAt = now;
        row.updatedBy = user;
        if (isNew) {
            em.persist(row);
        }
        OfferRuleVersionRow version = new OfferRuleVersionRow();
        version.ruleId = row.ruleId;
        version.version = row.version;
        version.definition = body;
        version.changedAt = now;
        version.changedBy = user;
        version.changeNote = note;
        em.persist(version);
        em.flush();
        budgets.configure(row.ruleId, definition.currency(), definition.budgetTotal(), definition.budgetPerDay());
        return new RuleView(row.ruleId, row.version, now, user, note, definition);
    }

    @Transactional
    public Optional<RuleView> find(String ruleId) {
        OfferRuleRow row = em.find(OfferRuleRow.class, ruleId);
        return Optional.ofNullable(row).map(r -> new RuleView(r.ruleId, r.version, r.updatedAt, r.updatedBy,
                noteOf(r.ruleId, r.version), read(r.definition)));
    }

    @Transactional
    public List<RuleView> list() {
        return em.createQuery("from OfferRuleRow order by priority desc, name", OfferRuleRow.class).getResultList()
                .stream()
                .map(r -> new RuleView(r.ruleId, r.version, r.updatedAt, r.updatedBy, null, read(r.definition)))
                .toList();
    }

    @Transactional
    public List<RuleView> versions(String ruleId) {
        if (em.find(OfferRuleRow.class, ruleId) == null) {
            throw notFound(ruleId);
        }
        return em.createQuery("from OfferRuleVersionRow where ruleId = :id order by version desc",
                        OfferRuleVersionRow.class)
                .setParameter("id", ruleId)
                .getResultList().stream()
                .map(v -> new RuleView(v.ruleId, v.version, v.changedAt, v.changedBy, v.changeNote, read(v.definition)))
                .toList();
    }

    private String noteOf(String ruleId, int version) {
        OfferRuleVersionRow.Key key = new OfferRuleVersionRow.Key();
        key.ruleId = ruleId;
        key.version = version;
        OfferRuleVersionRow row = em.find(OfferRuleVersionRow.class, key);
        return row == null ? null : row.changeNote;
    }

    static ProblemException notFound(String ruleId) {
        return new ProblemException(Problem.of("rule-not-found", "No such rule", 404,
                "there is no offer rule '" + ruleId + "'; GET /api/rules lists them"));
    }

    private static void requireValid(RuleDefinition definition) {
        if (definition == null) {
            throw new ProblemException(Problem.of("invalid-rule", "Invalid offer rule", 400,
                    "send the rule as a JSON object"));
        }
        List<Problem.Error> problems = RuleValidator.problems(definition);
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.of("invalid-rule", "Invalid offer rule", 400,
                    problems.size() + " problem(s) in the rule; nothing was saved").withErrors(problems));
        }
    }

    private String write(RuleDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    RuleDefinition read(String body) {
        try {
            return json.readValue(body, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule is unreadable: " + e.getMessage(), e);
        }
    }
}
