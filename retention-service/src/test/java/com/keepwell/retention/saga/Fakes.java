package com.keepwell.retention.saga;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.math3.random.Well19937c;

import com.keepwell.domain.api.ContactChannel;
import com.keepwell.domain.api.IncentiveType;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.retention.budget.Budgets;
import com.keepwell.retention.context.CustomerContext;
import com.keepwell.retention.context.CustomerContexts;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.retention.rules.Eligibility;
import com.keepwell.retention.rules.RuleBook;
import com.keepwell.retention.rules.RuleDefinition;

/**
 * Stand-ins for the planner's storage (tables in PostgreSQL in the running service), so the saga and the real
 * {@link OfferPlanner} run in Axon's saga fixture. The rules are compiled by the real CEL code.
 */
final class Fakes {

    private Fakes() {
    }

    static final Duration WINDOW = Duration.ofDays(14);
    static final Duration FOLLOW_UP = Duration.ofDays(28);

    /** The settings of the saga tests: no case explores, so each test knows which rule a case gets. */
    static RetentionSettings settings() {
        return settings(false, 0);
    }

    static RetentionSettings settingsActingOnHistory() {
        return settings(true, 0);
    }

    /** Settings under which {@code share} of the cases explore ({@link Exploration}). */
    static RetentionSettings settingsExploring(double share) {
        return settings(false, share);
    }

    private static RetentionSettings settings(boolean onHistory, double explorationShare) {
        return new RetentionSettings() {
            public boolean enabled() { return true; }
            public List<RiskBand> actionableBands() { return List.of(RiskBand.HIGH, RiskBand.CRITICAL); }
            public boolean actOnHistory() { return onHistory; }
            public Duration historyLag() { return Duration.ofHours(6); }
            public Contact contact() {
                return new Contact() {
                    public int maxOffers() { return 2; }
                    public Duration capWindow() { return Duration.ofDays(30); }
                    public Duration cooldown() { return Duration.ofDays(7); }
                    public LocalTime quietFrom() { return LocalTime.of(21, 0); }
                    public LocalTime quietUntil() { return LocalTime.of(8, 0); }
                };
            }
            public double priorStrength() { return 20; }
            public double priorRedemptionRate() { return 0.3; }
            public double minimumCustomerValue() { return 50; }
            public int budgetWaitDays() { return 2; }
            public boolean starterRules() { return false; }
            public Duration ruleRefreshInterval() { return Duration.ofSeconds(5); }
            public Optional<Duration> outcomeWindowOverride() { return Optional.empty(); }
            public Duration followUp() { return FOLLOW_UP; }
            public LearningOutcome learnFrom() { return LearningOutcome.FOLLOW_UP; }
            public double explorationShare() { return explorationShare; }
        };
    }

    static RuleDefinition rule(String name, String eligibility, double priorKept, double holdoutShare, String budget) {
        return new RuleDefinition(name, 10, true, null, null, eligibility, IncentiveType.PERCENT_DISCOUNT,
                new BigDecimal("15"), null, null, ContactChannel.EMAIL, "{{incentive}} with {{coupon_code}}",
                (int) WINDOW.toDays(), "EUR", new BigDecimal("5.00"), new BigDecimal(budget), new BigDecimal(budget),
                holdoutShare, priorKept);
    }

    static CustomerContext context(String customerId) {
        return context(customerId, Map.of("EMAIL", true));
    }

    static CustomerContext context(String customerId, Map<String, Boolean> consents) {
        return new CustomerContext(customerId, 0.95, RiskBand.HIGH, List.of("NO_RECENT_ORDER"), 400, 6, 600, 550,
                "GOLD", 120, 10, 2.0, 100.0, 0.0, "DE", "de", consents, "books", Map.of("books", 1.0), 0, 0.2);
    }

    /** {@code rule} sending its offer on {@code channel}. */
    static RuleDefinition on(ContactChannel channel, RuleDefinition rule) {
        return new RuleDefinition(rule.name(), rule.priority(), rule.enabled(), rule.activeFrom(), rule.activeUntil(),
                rule.eligibility(), rule.incentive(), rule.percentOff(), rule.amount(), rule.points(), channel,
                rule.message(), rule.validityDays(), rule.currency(), rule.costPerRedemption(), rule.budgetTotal(),
                rule.budgetPerDay(), rule.holdoutShare(), rule.priorKeptProbability());
    }

    /** A rule book holding exactly the given rules, ids rule-1, rule-2, … in order. */
    static RuleBook ruleBook(RuleDefinition... definitions) {
        List<RuleBook.ActiveRule> rules = new ArrayList<>();
        for (int i = 0; i < definitions.length; i++) {
            rules.add(new RuleBook.ActiveRule("rule-" + (i + 1), 1, definitions[i],
                    Eligibility.compile(definitions[i].eligibility()).program()));
        }
        return new RuleBook(null, settings()) {
            @Override
            public List<ActiveRule> activeAt(Instant at) {
                return rules;
            }
        };
    }

    static CustomerContexts contexts() {
        return contexts(Map.of("EMAIL", true));
    }

    /** Every customer with these marketing consents, in band HIGH by their latest assessment. */
    static CustomerContexts contexts(Map<String, Boolean> consents) {
        return contexts(consents, RiskBand.HIGH);
    }

    /** As above, with {@code latestBand} as the band of every customer's latest assessment. */
    static CustomerContexts contexts(Map<String, Boolean> consents, RiskBand latestBand) {
        return new CustomerContexts(null, null, null) {
            @Override
            public Optional<CustomerContext> load(String customerId, double score, RiskBand band, List<String> reasons,
                    Instant now) {
                return Optional.of(context(customerId, consents));
            }

            @Override
            public void forEachAtRisk(List<RiskBand> bands, Instant now, Consumer<CustomerContext> action) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<RiskBand> latestBand(String customerId) {
                return Optional.of(latestBand);
            }
        };
    }

    static ArmStats noOutcomesYet() {
        return learned(Map.of());
    }

    /** Arm statistics that hold {@code arms} (by rule id) in every band. */
    static ArmStats learned(Map<String, ArmStats.Arms> arms) {
        return new ArmStats(null, null, null, settings(), null) {
            @Override
            public Map<String, Arms> inBand(RiskBand band) {
                return arms;
            }
        };
    }

    /** Budgets kept in memory with the same rules: full cost reserved per offer, given back or kept later. */
    static final class MemoryBudgets extends Budgets {

        /** What each rule has left today. */
        final Map<String, BigDecimal> left = new HashMap<>();
        /** What each rule has left in total, where more than today. */
        final Map<String, BigDecimal> leftInTotal = new HashMap<>();
        final Map<String, String> reservedRule = new HashMap<>();
        /** The time each offer's reservation was made for (its day is the day whose limit it counts against). */
        final Map<String, Instant> reservedAt = new HashMap<>();
        final List<String> released = new ArrayList<>();
        final List<String> spent = new ArrayList<>();

        MemoryBudgets() {
            super(null);
        }

        @Override
        public boolean reserve(String ruleId, String offerId, BigDecimal amount, Instant at) {
            if (reservedRule.containsKey(offerId)) {
                return true;
            }
            BigDecimal remaining = left.getOrDefault(ruleId, BigDecimal.ZERO);
            if (remaining.compareTo(amount) < 0) {
                return false;
            }
            left.put(ruleId, remaining.subtract(amount));
            reservedRule.put(offerId, ruleId);
            reservedAt.put(offerId, at);
            return true;
        }

        @Override
        public boolean canAfford(String ruleId, BigDecimal amount, Instant at) {
            return left.getOrDefault(ruleId, BigDecimal.ZERO).compareTo(amount) >= 0;
        }

        @Override
        public Remaining remaining(String ruleId, Instant at) {
            BigDecimal today = left.getOrDefault(ruleId, BigDecimal.ZERO);
            return new Remaining(leftInTotal.getOrDefault(ruleId, today), today);
        }

        @Override
        public void release(String offerId) {
            released.add(offerId);
        }

        @Override
        public void spend(String offerId) {
            spent.add(offerId);
        }
    }

    static OfferPlanner planner(RuleBook rules, Budgets budgets) {
        return planner(rules, budgets, contexts());
    }

    static OfferPlanner planner(RuleBook rules, Budgets budgets, CustomerContexts contexts) {
        return new OfferPlanner(contexts, rules, noOutcomesYet(), budgets, settings(), Well19937c::new);
    }

    /** A planner that has learned {@code stats} and runs under {@code settings}. */
    static OfferPlanner planner(RuleBook rules, Budgets budgets, ArmStats stats, RetentionSettings settings) {
        return new OfferPlanner(contexts(), rules, stats, budgets, settings, Well19937c::new);
    }
}
