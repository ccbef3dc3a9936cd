package com.keepwell.retention.saga;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.math3.random.RandomAdaptor;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import io.quarkus.arc.Unremovable;

import com.keepwell.domain.api.Incentive;
import com.keepwell.domain.api.IncentiveType;
import com.keepwell.domain.api.Money;
import com.keepwell.domain.api.OfferId;
import com.keepwell.domain.api.OfferRefusal;
import com.keepwell.domain.api.RetentionCaseId;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RuleId;
import com.keepwell.retention.budget.Budgets;
import com.keepwell.retention.context.CustomerContext;
import com.keepwell.retention.context.CustomerContexts;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.retention.rules.Eligibility;
import com.keepwell.retention.rules.MessageTemplate;
import com.keepwell.retention.rules.RuleBook;
import com.keepwell.retention.rules.RuleDefinition;

/**
 * Decides a retention case: the rules whose eligibility admits the customer and whose channel the customer has
 * consented to (the aggregate would refuse any other offer), ranked by a Thompson draw of expected
 * net value ({@link OfferValue}); down that ranking, the first rule either puts the case in its holdout
 * ({@link HoldoutAssignment}; only while the rule still has budget) or gets its budget reserved for an offer. A rule
 * whose budget is spent passes the case to the next; if none is left the case waits for the next day's budget
 * (where only a day's limit stopped a rule) or is unserved with the reason, as it is when none has positive value.
 * Where no rule has a positive value, a share of cases explores ({@link Exploration}): the ranking is a random order
 * instead, and a rule is used whatever its value.
 */
@ApplicationScoped
@Unremovable // only the saga uses it, as a handler parameter
public class OfferPlanner {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final CustomerContexts contexts;
    private final RuleBook rules;
    private final ArmStats stats;
    private final Budgets budgets;
    private final RetentionSettings settings;
    private final LongFunction<RandomGenerator> randomFor;

    @Inject
    OfferPlanner(CustomerContexts contexts, RuleBook rules, ArmStats stats, Budgets budgets,
            RetentionSettings settings) {
        this(contexts, rules, stats, budgets, settings, Well19937c::new);
    }

    /** {@code randomFor} makes the random stream of one case from its seed. */
    OfferPlanner(CustomerContexts contexts, RuleBook rules, ArmStats stats, Budgets budgets,
            RetentionSettings settings, LongFunction<RandomGenerator> randomFor) {
        this.randomFor = randomFor;
        this.contexts = contexts;
        this.rules = rules;
        this.stats = stats;
        this.budgets = budgets;
        this.settings = settings;
    }

    /**
     * Decides the case at {@code now}; the customer's facts (days since the last order, tenure, …) are taken as of
     * {@code factsAsOf}, the time the risk assessment describes.
     */
    public OfferDecision plan(String customerId, RetentionCaseId caseId, double score, RiskBand band,
            List<String> reasons, Instant factsAsOf, Instant now) {
        Optional<CustomerContext> context = contexts.load(customerId, score, band, reasons, factsAsOf);
        if (context.isEmpty()) {
            return new OfferDecision.Unserved(OfferRefusal.NO_ELIGIBLE_RULE,
                    "the account of " + customerId + " is closed");
        }
        Map<String, Object> cel = context.get().toCel();
        List<RuleBook.ActiveRule> admitting = rules.activeAt(now).stream()
                .filter(rule -> Eligibility.test(rule.eligibility(), cel))
                .toList();
        if (admitting.isEmpty()) {
            return new OfferDecision.Unserved(OfferRefusal.NO_ELIGIBLE_RULE, "no active rule admits the customer");
        }
        // an offer on a channel without consent would be refused by the aggregate: the case would sit in the
        // treated arm without an offer, diluting the rule's measured lift, and the customer could have had another
        List<RuleBook.ActiveRule> eligible = admitting.stream()
                .filter(rule -> context.get().consentsTo(rule.definition().channel()))
                .toList();
        if (eligible.isEmpty()) {
            return new OfferDecision.Unserved(OfferRefusal.NO_CONSENT, "no marketing consent for "
                    + admitting.stream().map(rule -> rule.definition().channel()).distinct().sorted().toList()
                    + ", the channels of the rules that admit the customer");
        }
        Map<String, ArmStats.Arms> arms = stats.inBand(band);
        ArmStats.Counts bandHoldout = ArmStats.pooledHoldout(arms.values());
        double value = Math.max(settings.minimumCustomerValue(), context.get().valueEstimate());
        record Ranked(RuleBook.ActiveRule rule, double netValue) {
        }
        List<Ranked> ranked = new ArrayList<>();
        // the draws are seeded by the case: a decision retried after a failure is the same decision
        RandomGenerator random = randomFor.apply(seedOf(caseId));
        for (RuleBook.ActiveRule rule : eligible) {
            RuleDefinition d = rule.definition();
            double net = OfferValue.sample(random, score, value, d.costPerRedemption().doubleValue(),
                    d.priorKeptProbability() == null ? 0.1 : d.priorKeptProbability(), settings.priorStrength(),
                    settings.priorRedemptionRate(), arms.getOrDefault(rule.ruleId(), ArmStats.Arms.NONE),
                    bandHoldout);
            ranked.add(new Ranked(rule, net));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::netValue).reversed()
                .thenComparing(r -> -r.rule().definition().priority()));
        // no rule is worth its cost: an exploring case takes one anyway, drawn at random
        boolean exploring = ranked.get(0).netValue() <= 0
                && Exploration.explores(caseId.value(), settings.explorationShare());
        if (exploring) {
            ranked.sort(Comparator.comparing(r -> r.rule().ruleId()));
            Collections.shuffle(ranked, new RandomAdaptor(random));
        }
        List<RuleBook.ActiveRule> spent = new ArrayList<>();
        for (Ranked candidate : ranked) {
            if (!exploring && candidate.netValue() <= 0) {
                break;
            }
            RuleBook.ActiveRule rule = candidate.rule();
            RuleDefinition d = rule.definition();
            if (HoldoutAssignment.assign(customerId, caseId.value(), band, d.holdoutShare()) == RetentionGroup.HOLDOUT) {
                // held out only where the rule could have served the case: a spent rule must not keep filling its
                // holdout while its treatment arm goes unserved, or the arms stop being comparable
                if (budgets.canAfford(rule.ruleId(), d.costPerRedemption(), now)) {
                    return new OfferDecision.Holdout(RuleId.of(rule.ruleId()), rule.version(), d.validityDays(),
                            exploring);
                }
                spent.add(rule);
                continue;
            }
            OfferId offerId = OfferId.of("offer-" + caseId.value());
            if (!budgets.reserve(rule.ruleId(), offerId.value(), d.costPerRedemption(), now)) {
                spent.add(rule);
                continue;
            }
            Instant validUntil = now.plus(settings.outcomeWindow(d.validityDays()));
            String coupon = couponCode(caseId);
            Incentive incentive = incentiveOf(d);
            String message = MessageTemplate.render(d.message(), Map.of("coupon_code", coupon,
                    "valid_until", DAY.format(validUntil), "incentive", describe(incentive),
                    "top_category", context.get().topCategory()));
            return new OfferDecision.Treat(RuleId.of(rule.ruleId()), rule.version(), offerId, incentive, d.channel(),
                    message, coupon, validUntil, new Money(d.costPerRedemption(), d.currency()), d.validityDays(),
                    candidate.netValue(), exploring);
        }
        if (!spent.isEmpty()) {
            List<String> names = spent.stream().map(rule -> rule.definition().name()).toList();
            // a day's limit spreads spending over days: a rule with money left in total can serve the case tomorrow
            boolean onlyToday = spent.stream().anyMatch(rule -> budgets.remaining(rule.ruleId(), now).total()
                    .compareTo(rule.definition().costPerRedemption()) >= 0);
            if (onlyToday) {
                return new OfferDecision.WaitForBudget("today's budget spent for " + names,
                        now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return new OfferDecision.Unserved(OfferRefusal.BUDGET_EXHAUSTED, "budget spent for " + names);
        }
        return new OfferDecision.Unserved(OfferRefusal.NO_ELIGIBLE_RULE,
                "no admitting rule has a positive expected net value for this customer");
    }

    /**
     * Decides again a case that waited for a new day's budget, with the assessment that opened it, unless the
     * customer has since left {@code actionable} (or closed the account): then it is unserved for the budget it
     * waited for, which is what kept the offer back.
     */
    public OfferDecision replan(String customerId, RetentionCaseId caseId, double score, RiskBand band,
            List<String> reasons, List<RiskBand> actionable, String waitedFor, Instant now) {
        Optional<RiskBand> latest = contexts.latestBand(customerId);
        if (latest.isEmpty() || !actionable.contains(latest.get())) {
            return new OfferDecision.Unserved(OfferRefusal.BUDGET_EXHAUSTED, waitedFor + "; by the next day the"
                    + " customer was " + latest.map(b -> "in band " + b).orElse("closed or unassessed"));
        }
        return plan(customerId, caseId, score, band, reasons, now, now);
    }

    /** A code the storefront can check, unique in practice (48 bits of the case's hash). */
    static String couponCode(RetentionCaseId caseId) {
        return "KEEP-" + HexFormat.of().withUpperCase().formatHex(HoldoutAssignment.sha256(caseId.value()), 0, 6);
    }

    private static long seedOf(RetentionCaseId caseId) {
        return ByteBuffer.wrap(HoldoutAssignment.sha256(caseId.value())).getLong();
    }

    static Incentive incentiveOf(RuleDefinition d) {
        return switch (d.incentive()) {
            case PERCENT_DISCOUNT -> new Incentive(IncentiveType.PERCENT_DISCOUNT, d.percentOff(), null, null);
            case FIXED_COUPON -> Incentive.coupon(new Money(d.amount(), d.currency()));
            case LOYALTY_POINTS -> Incentive.points(d.points());
            default -> Incentive.of(d.incentive());
        };
    }

    static String describe(Incentive incentive) {
        return switch (incentive.type()) {
            case PERCENT_DISCOUNT -> incentive.percentOff().stripTrailingZeros().toPlainString() + "% off";
            case FIXED_COUPON -> incentive.amount().amount().stripTrailingZeros().toPlainString() + " "
                    + incentive.amount().currency() + " off";
            case FREE_SHIPPING -> "free shipping";
            case LOYALTY_POINTS -> incentive.points() + " loyalty points";
            case SERVICE_CALL -> "a personal call from our service team";
        };
    }
}
