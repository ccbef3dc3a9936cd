package com.keepwell.modeltools;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.random.Well19937c;

import com.keepwell.domain.api.CustomerEvent;
import com.keepwell.domain.api.CustomerValue;
import com.keepwell.domain.api.OrderPlacedEvent;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.SessionRecordedEvent;
import com.keepwell.retention.context.CustomerContext;
import com.keepwell.retention.context.VisitRate;
import com.keepwell.retention.learning.ArmStats;
import com.keepwell.retention.rules.Eligibility;
import com.keepwell.retention.rules.RuleDefinition;
import com.keepwell.retention.rules.StarterRules;
import com.keepwell.retention.saga.Exploration;
import com.keepwell.retention.saga.HoldoutAssignment;
import com.keepwell.retention.saga.OfferValue;
import com.keepwell.retention.saga.RetentionSettings;
import com.keepwell.retention.saga.RetentionSettings.LearningOutcome;
import com.keepwell.scoring.features.CustomerHistory;
import com.keepwell.scoring.features.FeatureProjector;
import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ChurnModelSession;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.text.TextToneSignals;
import com.keepwell.simulator.GroundTruth;
import com.keepwell.simulator.OfferType;
import com.keepwell.simulator.SimulationSettings;
import com.keepwell.simulator.StorefrontSimulator;

import dev.cel.runtime.CelRuntime;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

/**
 * How much retention the policy buys, judged by the simulator's ground truth. A simulated shop runs for a year;
 * every two weeks (a "wave") the platform's pieces act as the service does: the shipped churn model scores every
 * customer of the {@link ScoredCustomers} (those with an order) from the same features the service projects, and
 * all three policies below draw from them; customers entering an actionable band open cases, the
 * starter rule set ({@link #RULES}, CEL) says who is eligible for what, {@link OfferValue} draws expected net
 * values from what earlier waves taught it (treated vs holdout retention per rule and band), {@link HoldoutAssignment}
 * keeps 10 % back, and the chosen offers reach the simulated customers. Outcomes feed the learning, as the
 * service's {@code learn-from} says (its default unless {@code --learn-from} overrides it): an order in the follow-up
 * after the 14-day window, counted when the follow-up ends, or an order within the window. At the last wave three
 * targeting policies spend the same budget, and each is credited with the true uplift (reduction of 30-day churn
 * probability) of what it chose:
 * <ul>
 * <li>policy: the above, on the customers entering an actionable band then;</li>
 * <li>random: random customers of the whole base, a random rule each;</li>
 * <li>oracle: knows every customer's true uplift for every incentive and buys the best per unit of cost.</li>
 * </ul>
 * Three ceilings, same budget, say where the policy loses against the oracle: the <em>traits ceiling</em> buys by the
 * uplift each customer's true traits and true churn hazard lead one to expect (what behaviour can reveal at best; the
 * response type itself is a draw no behaviour shows), over the whole base; the <em>rules ceiling</em> does the same
 * but only with the rules whose eligibility admits the customer; the <em>case ceiling</em> does the same as the
 * traits ceiling over only the customers who entered an actionable band at that wave (the ones the saga would
 * consider).
 * The contact policy is not applied here (consent, caps): it would restrict all three alike.
 */
final class RetentionEvaluation {

    static final Duration WINDOW = Duration.ofDays(14);
    /** The scoring service's default band cut-offs (MEDIUM, HIGH, CRITICAL); {@code --band-cuts} overrides them. */
    static final List<Double> DEFAULT_BAND_CUTS = List.of(0.90, 0.95, 0.98);
    /**
     * The bands that open a case here. The shipped model predicts "no order in 30 days" (base rate 82 %), so HIGH and
     * CRITICAL are mostly customers who left already; MEDIUM is where the living at-risk customers are.
     */
    static final List<RiskBand> ACTIONABLE = List.of(RiskBand.MEDIUM, RiskBand.HIGH, RiskBand.CRITICAL);
    /** The model the embedded platform scores with, unless {@code --model} names another. */
    static final String DEFAULT_MODEL = "churn-default-v1";
    /** How many of the last waves are judged (the policy keeps learning through them). */
    static final int JUDGED_WAVES = 6;

    /** The offer values are drawn as a service left at its defaults ({@link RetentionSettings}) draws them. */
    static final double PRIOR_STRENGTH = serviceDefault("priorStrength");
    static final double PRIOR_REDEMPTION_RATE = serviceDefault("priorRedemptionRate");
    static final double MINIMUM_CUSTOMER_VALUE = serviceDefault("minimumCustomerValue");
    static final Duration FOLLOW_UP = DurationConverter.parseDuration(serviceDefaultText("followUp"));
    static final LearningOutcome DEFAULT_LEARN_FROM = learningOutcome(serviceDefaultText("learnFrom"));
    static final double DEFAULT_EXPLORATION_SHARE = serviceDefault("explorationShare");

    /**
     * How the policy learns and explores: what it counts as kept, and the share of the cases no rule is worth offering
     * to that draw a rule at random among those admitting the customer ({@link Exploration}); the service's defaults
     * unless the command says otherwise.
     */
    record PolicySettings(LearningOutcome learnFrom, double explorationShare) {
        static final PolicySettings DEFAULTS = new PolicySettings(DEFAULT_LEARN_FROM, DEFAULT_EXPLORATION_SHARE);

        PolicySettings {
            if (!(explorationShare >= 0 && explorationShare <= 1)) {
                throw new IllegalArgumentException("exploration share: between 0 and 1, got " + explorationShare);
            }
        }

        PolicySettings learningFrom(LearningOutcome outcome) {
            return new PolicySettings(outcome, explorationShare);
        }
    }

    /** A rule of the evaluation's rule set: definition, compiled eligibility, the incentive the simulator knows. */
    record EvalRule(String id, RuleDefinition definition, CelRuntime.Program eligibility, OfferType offer) {
        double cost() {
            return definition.costPerRedemption().doubleValue();
        }
    }

    /** The rule set the evaluation runs with: the retention service's starter rules (docs/retention.md prints them). */
    static final List<EvalRule> RULES = StarterRules.load().stream()
            .map(d -> new EvalRule(d.name(), d, Eligibility.compile(d.eligibility()).program(),
                    OfferType.valueOf(d.incentive().name())))
            .toList();

    /** The numbers of one run. */
    record Result(double policy, double random, double oracle, double budget, int policyOffers, int randomOffers,
            int oracleOffers, int customers, int waves, int learningCases, Map<String, Map<String, Integer>> learned,
            Ceilings ceilings, ScoreCheck scoreCheck, List<PolicyOffer> offers, Map<String, Double> oracleSpend) {

        /**
         * A 95 % interval for {@link #policy()}: the policy's offers resampled with replacement (percentile
         * bootstrap, fixed seed), each resample's true uplift over its cost. It shows how much the figure owes to
         * which few of a few hundred offers happened to reach a persuadable customer.
         */
        double[] policyInterval() {
            return bootstrap(offers, 2000, 1);
        }
    }

    /**
     * One offer the policy made at a judged wave: the rule that made it, its true uplift, the budget it took, and
     * whether its case explored (rule drawn at random).
     */
    record PolicyOffer(String rule, double uplift, double cost, boolean exploring) {
    }

    /**
     * One rule's share of the policy at the judged waves: its offers, their share of the budget, the true uplift they
     * bought per 1,000 EUR with a 95 % interval (its offers resampled), and the oracle's share of the same budget
     * spent on this rule's incentive. It says which rules pay and where the money would go with full knowledge.
     */
    record RuleFigures(String rule, int offers, double spendShare, double kept, double[] interval,
            double oracleSpendShare) {
    }

    static List<RuleFigures> byRule(Result r) {
        double oracleTotal = r.oracleSpend().values().stream().mapToDouble(Double::doubleValue).sum();
        List<RuleFigures> rows = new ArrayList<>();
        for (EvalRule rule : RULES) {
            rows.add(figuresOf(rule.id(), r.offers().stream().filter(o -> o.rule().equals(rule.id())).toList(),
                    r.budget(), oracleTotal == 0 ? 0 : r.oracleSpend().getOrDefault(rule.id(), 0.0) / oracleTotal));
        }
        return rows;
    }

    /**
     * The policy's offers whose case explored (any rule, drawn at random), and those chosen by value, as two rows
     * like a rule's (no oracle share): what exploration costs in kept customers per 1,000 EUR.
     */
    static List<RuleFigures> byChoice(Result r) {
        return List.of(
                figuresOf("chosen by value", r.offers().stream().filter(o -> !o.exploring()).toList(), r.budget(), 0),
                figuresOf("exploring", r.offers().stream().filter(PolicyOffer::exploring).toList(), r.budget(), 0));
    }

    private static RuleFigures figuresOf(String name, List<PolicyOffer> offers, double budget, double oracleShare) {
        double spend = offers.stream().mapToDouble(PolicyOffer::cost).sum();
        double kept = offers.stream().mapToDouble(PolicyOffer::uplift).sum();
        return new RuleFigures(name, offers.size(), budget == 0 ? 0 : spend / budget, per1000(kept, spend),
                bootstrap(offers, 2000, 1), oracleShare);
    }

    static double[] bootstrap(List<PolicyOffer> offers, int resamples, long seed) {
        if (offers.isEmpty()) {
            return new double[] {0, 0};
        }
        Random random = new Random(seed);
        double[] figures = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double kept = 0;
            double spent = 0;
            for (int i = 0; i < offers.size(); i++) {
                PolicyOffer o = offers.get(random.nextInt(offers.size()));
                kept += o.uplift();
                spent += o.cost();
            }
            figures[r] = per1000(kept, spent);
        }
        Arrays.sort(figures);
        return new double[] {figures[(int) (0.025 * resamples)], figures[(int) Math.ceil(0.975 * resamples) - 1]};
    }

    /**
     * Best choices under partial knowledge, per 1,000 of budget: {@code traits} knows every customer's true traits
     * and hazard (not the drawn response type), {@code cases} the same restricted to customers entering a band.
     */
    record Ceilings(double traits, double rules, double cases) {
    }

    /**
     * How well the served risk score finds the customers who truly leave, over the living customers of the judged
     * waves: {@code auc} is the chance that a customer who churns within the truth horizon scores above one who stays
     * (each customer counted as churning with its true probability), {@code customers} how many living customers it
     * rests on, and per band how many living customers it held and their summed true churn probability.
     */
    record ScoreCheck(double auc, int customers, Map<RiskBand, BandTruth> bands) {
        ScoreCheck {
            // EnumMap's copy constructor refuses an empty map that is not an EnumMap
            bands = bands.isEmpty() ? new EnumMap<>(RiskBand.class) : new EnumMap<>(bands);
        }

        static ScoreCheck pool(List<ScoreCheck> checks) {
            int customers = checks.stream().mapToInt(ScoreCheck::customers).sum();
            double auc = customers == 0 ? 0
                    : checks.stream().mapToDouble(c -> c.auc() * c.customers()).sum() / customers;
            Map<RiskBand, BandTruth> bands = new EnumMap<>(RiskBand.class);
            checks.forEach(c -> c.bands().forEach((band, t) -> bands.merge(band, t, BandTruth::plus)));
            return new ScoreCheck(auc, customers, bands);
        }
    }

    /** Living customers in a band and the sum of their true churn probabilities within the horizon. */
    record BandTruth(int customers, double churnProbabilitySum) {
        BandTruth plus(BandTruth other) {
            return new BandTruth(customers + other.customers, churnProbabilitySum + other.churnProbabilitySum);
        }

        double meanChurnProbability() {
            return customers == 0 ? 0 : churnProbabilitySum / customers;
        }
    }

    /**
     * ROC AUC against a probabilistic truth: customer i counts as a churner with weight {@code truth[i]} and as a
     * stayer with weight {@code 1 - truth[i]}; pairs are compared by {@code score}, ties count half, and no customer
     * is compared with itself. With truths of 0 and 1 only it is the ordinary ROC AUC.
     */
    static double softAuc(double[] score, double[] truth) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double churners = 0;
        double stayers = 0;
        double selfPairs = 0;
        for (double t : truth) {
            churners += t;
            stayers += 1 - t;
            selfPairs += t * (1 - t);
        }
        double stayersBelow = 0;
        double concordant = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            double tiedChurners = 0;
            double tiedStayers = 0;
            while (end < order.length && score[order[end]] == score[order[start]]) {
                tiedChurners += truth[order[end]];
                tiedStayers += 1 - truth[order[end]];
                end++;
            }
            concordant += tiedChurners * stayersBelow + 0.5 * tiedChurners * tiedStayers;
            stayersBelow += tiedStayers;
            start = end;
        }
        // each customer was paired with itself within its own tie group, counted half
        double pairs = churners * stayers - selfPairs;
        return pairs <= 0 ? 0.5 : (concordant - 0.5 * selfPairs) / pairs;
    }

    /**
     * Several runs (seeds) as one: every figure is kept customers over budget, so runs weigh by their budget; offers,
     * cases and learned counts add up. One seed's policy figure is a single realisation of a few hundred offers, most
     * of whose true uplift is zero — seeds differ by a factor of two — so the command reports the pool.
     */
    static Result pool(List<Result> runs) {
        double budget = runs.stream().mapToDouble(Result::budget).sum();
        ToDoubleFunction<ToDoubleFunction<Result>> weighted = f -> runs.stream()
                .mapToDouble(r -> f.applyAsDouble(r) * r.budget()).sum() / budget;
        Map<String, Map<String, Integer>> learned = new TreeMap<>();
        for (Result r : runs) {
            r.learned().forEach((key, counts) -> learned.merge(key, counts, RetentionEvaluation::add));
        }
        return new Result(weighted.applyAsDouble(Result::policy), weighted.applyAsDouble(Result::random),
                weighted.applyAsDouble(Result::oracle), budget, runs.stream().mapToInt(Result::policyOffers).sum(),
                runs.stream().mapToInt(Result::randomOffers).sum(), runs.stream().mapToInt(Result::oracleOffers).sum(),
                runs.stream().mapToInt(Result::customers).max().orElse(0), runs.get(0).waves(),
                runs.stream().mapToInt(Result::learningCases).sum(), learned,
                new Ceilings(weighted.applyAsDouble(r -> r.ceilings().traits()),
                        weighted.applyAsDouble(r -> r.ceilings().rules()),
                        weighted.applyAsDouble(r -> r.ceilings().cases())),
                ScoreCheck.pool(runs.stream().map(Result::scoreCheck).toList()),
                runs.stream().flatMap(r -> r.offers().stream()).toList(),
                runs.stream().flatMap(r -> r.oracleSpend().entrySet().stream()).collect(
                        TreeMap::new, (m, e) -> m.merge(e.getKey(), e.getValue(), Double::sum), Map::putAll));
    }

    /**
     * A 95 % interval for policy / random over shops like these: the shops (seeds) resampled with replacement
     * (percentile bootstrap, fixed seed), each resample's pooled policy figure over its pooled random figure. Unlike
     * {@link Result#policyInterval()}, which holds each shop's history fixed and resamples the offers made in it, this
     * also carries what differs from shop to shop: what the policy happened to learn there, and random's own figure.
     * It needs several shops to mean anything; {@code null} for fewer than two, or none that spent.
     */
    static double[] shopInterval(List<Result> runs, int resamples, long seed) {
        if (runs.size() < 2 || runs.stream().noneMatch(r -> r.random() * r.budget() > 0)) {
            return null;
        }
        Random random = new Random(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples;) {
            double policyKept = 0;
            double randomKept = 0;
            for (int j = 0; j < runs.size(); j++) {
                Result r = runs.get(random.nextInt(runs.size()));
                policyKept += r.policy() * r.budget();
                randomKept += r.random() * r.budget();
            }
            // a resample of only shops that spent nothing has no ratio: drawn again
            if (randomKept > 0) {
                ratios[i++] = policyKept / randomKept;
            }
        }
        Arrays.sort(ratios);
        return new double[] {ratios[(int) (0.025 * resamples)], ratios[(int) Math.ceil(0.975 * resamples) - 1]};
    }

    private static Map<String, Integer> add(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> sum = new LinkedHashMap<>(a);
        b.forEach((k, v) -> sum.merge(k, v, Integer::sum));
        return sum;
    }

    private record Case(String customerId, EvalRule rule, RiskBand band, RetentionGroup arm, Instant at) {
    }

    /** A rule chosen for a customer; {@code exploring}: drawn at random rather than by value. */
    private record Choice(String customerId, EvalRule rule, boolean exploring) {
        Choice(String customerId, EvalRule rule) {
            this(customerId, rule, false);
        }
    }

    private static final class Counts {
        int cases;
        int retained;
        int redeemed;

        ArmStats.Counts frozen() {
            return new ArmStats.Counts(cases, retained, redeemed);
        }
    }

    private final FeatureProjector projector;
    private final ChurnModelSession model;
    private final ModelBundle bundle;
    private final PrintStream out;
    private final Map<String, CustomerHistory> histories = new HashMap<>();
    private final Map<String, List<Instant>> orders = new HashMap<>();
    /** Sessions per customer, decayed as the retention service's context keeps them. */
    private final Map<String, VisitRate> visits = new HashMap<>();
    /** Coupon codes the customers ordered with: a case's own code is a redemption. */
    private final Set<String> redeemedCoupons = new HashSet<>();
    private final Map<String, RiskBand> lastBand = new HashMap<>();
    private final Map<String, Case> open = new HashMap<>();
    /** Cases whose window has ended, waiting for the end of their follow-up (learning from the follow-up). */
    private final List<Case> followingUp = new ArrayList<>();
    private final PolicySettings policySettings;
    private final Map<String, Counts> stats = new HashMap<>();
    private final Well19937c thompson;
    private final Random shuffle;
    private int learningCases;
    /** What the policy chose at each judged wave, and who the customer base was then. */
    private final Map<Instant, List<Choice>> judgedChoices = new LinkedHashMap<>();
    private final Map<Instant, List<String>> judgedBase = new LinkedHashMap<>();
    private final Map<Instant, List<String>> judgedEntering = new LinkedHashMap<>();
    private final Map<Instant, Map<String, Double>> judgedScores = new LinkedHashMap<>();
    /** At each judged wave, the rules whose eligibility admits each customer of the base. */
    private final Map<Instant, Map<String, Set<String>>> judgedEligible = new LinkedHashMap<>();

    private final List<Double> bandCuts;

    private RetentionEvaluation(FeatureProjector projector, ModelBundle bundle, ChurnModelSession model, long seed,
            List<Double> bandCuts, PolicySettings policySettings, PrintStream out) {
        this.projector = projector;
        this.policySettings = policySettings;
        this.bandCuts = bandCuts;
        this.bundle = bundle;
        this.model = model;
        this.thompson = new Well19937c(seed);
        this.shuffle = new Random(seed);
        this.out = out;
    }

    static Result run(int customers, long seed, int days, PrintStream out) throws Exception {
        return run(customers, seed, days, DEFAULT_BAND_CUTS, out);
    }

    static Result run(int customers, long seed, int days, List<Double> bandCuts, PrintStream out) throws Exception {
        return run(customers, seed, days, bandCuts, ModelBundle.fromClasspath(DEFAULT_MODEL), PolicySettings.DEFAULTS,
                out);
    }

    /**
     * One simulated shop, scored by {@code bundle} (a candidate model can be judged before it is promoted), the
     * policy learning and exploring as {@code policySettings} say.
     */
    static Result run(int customers, long seed, int days, List<Double> bandCuts, ModelBundle bundle,
            PolicySettings policySettings, PrintStream out) throws Exception {
        if (bandCuts.size() != 3) {
            throw new IllegalArgumentException("band cut-offs: three values (MEDIUM, HIGH, CRITICAL), got " + bandCuts);
        }
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        List<Instant> waves = new ArrayList<>();
        for (Instant t = start.plus(Duration.ofDays(120)); !t.isAfter(start.plus(Duration.ofDays(days - 30)));
                t = t.plus(WINDOW)) {
            waves.add(t);
        }
        List<Instant> judged = waves.subList(waves.size() - JUDGED_WAVES, waves.size());
        SimulationSettings settings = SimulationSettings.defaults(seed, customers, start, Duration.ofDays(days))
                .withTruthAt(judged);
        StorefrontSimulator simulator = new StorefrontSimulator(settings);
        try (TextToneSignals text = new TextToneSignals(OrtSessions.Settings.cpu(2));
                ChurnModelSession model = new ChurnModelSession("uplift-eval", bundle.onnx(),
                        FeatureSchema.V1.names().size(), OrtSessions.Settings.cpu(2))) {
            RetentionEvaluation eval = new RetentionEvaluation(new FeatureProjector(text), bundle, model, seed,
                    bandCuts, policySettings, out);
            out.printf("simulating %d customers over %d days (seed %d), %d waves every %d days%n", customers, days, seed,
                    waves.size(), WINDOW.toDays());
            SimulatedHistory.replay(simulator, eval::accept, out, waves,
                    t -> eval.wave(t, judged.contains(t), simulator));
            return eval.judge(simulator.groundTruth(), waves.size());
        }
    }

    /**
     * One shop per seed, {@code parallelism} of them at a time, results in the order of {@code seeds}. Each shop has
     * its own simulator, random streams and model sessions, so its figures are the same whatever runs beside it;
     * when shops run side by side every progress line starts with its seed.
     */
    static List<Result> runSeeds(int customers, List<Long> seeds, int days, List<Double> bandCuts, ModelBundle bundle,
            PolicySettings policySettings, int parallelism, PrintStream out) throws Exception {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: at least 1, got " + parallelism);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, seeds.size())));
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (long seed : seeds) {
                PrintStream progress = parallelism == 1 ? out : SeedLines.of(seed, out);
                runs.add(pool.submit(() -> run(customers, seed, days, bandCuts, bundle, policySettings, progress)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> run : runs) {
                try {
                    results.add(run.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Progress of one of several shops running at once: whole lines, each starting with the shop's seed. */
    private static final class SeedLines extends OutputStream {
        private final String prefix;
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        private SeedLines(long seed, PrintStream target) {
            this.prefix = "[seed " + seed + "] ";
            this.target = target;
        }

        static PrintStream of(long seed, PrintStream target) {
            return new PrintStream(new SeedLines(seed, target), true, StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                synchronized (target) {
                    target.print(prefix + line.toString(StandardCharsets.UTF_8));
                    target.flush();
                }
                line.reset();
            }
        }
    }

    private void accept(Object event) {
        if (event instanceof CustomerEvent e) {
            projector.apply(histories.computeIfAbsent(e.customerId().value(), id -> new CustomerHistory()), e);
            if (e instanceof SessionRecordedEvent session) {
                visits.put(session.customerId().value(), visits.getOrDefault(session.customerId().value(),
                        VisitRate.NONE).plus(session.occurredAt()));
            }
            if (e instanceof OrderPlacedEvent o) {
                orders.computeIfAbsent(o.customerId().value(), id -> new ArrayList<>()).add(o.occurredAt());
                if (o.couponCode() != null) {
                    redeemedCoupons.add(o.couponCode());
                }
            }
        }
    }

    private void wave(Instant t, boolean judged, StorefrontSimulator simulator) {
        settle(t);
        ScoredCustomers accounts = ScoredCustomers.at(histories, projector, t);
        List<String> ids = accounts.ids();
        List<float[]> rows = accounts.rows();
        float[] raw = model.predict(accounts.matrix());
        Map<String, CustomerContext> entering = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            double score = bundle.manifest().calibration().apply(raw[i]);
            scores.put(ids.get(i), score);
            RiskBand band = RiskBand.of(score, bandCuts.get(0), bandCuts.get(1), bandCuts.get(2));
            RiskBand before = lastBand.put(ids.get(i), band);
            if (ACTIONABLE.contains(band) && (before == null || !ACTIONABLE.contains(before))
                    && !open.containsKey(ids.get(i))) {
                entering.put(ids.get(i), context(ids.get(i), rows.get(i), score, band, t));
            }
        }
        List<String> order = new ArrayList<>(entering.keySet());
        Collections.shuffle(order, shuffle);
        List<Choice> chosen = new ArrayList<>();
        for (String id : order) {
            CustomerContext c = entering.get(id);
            String caseId = "case-" + t + "-" + id;
            EvalRule rule = best(c);
            boolean exploring = rule == null && Exploration.explores(caseId, policySettings.explorationShare());
            if (exploring) {
                rule = anyAdmitting(c);
            }
            if (rule == null) {
                continue;
            }
            RetentionGroup arm = HoldoutAssignment.assign(id, caseId, c.riskBand(), rule.definition().holdoutShare());
            open.put(id, new Case(id, rule, c.riskBand(), arm, t));
            learningCases++;
            if (arm == RetentionGroup.TREATMENT) {
                chosen.add(new Choice(id, rule, exploring));
            }
        }
        if (judged) {
            judgedEntering.put(t, order);
            judgedChoices.put(t, chosen);
            judgedBase.put(t, ids);
            judgedScores.put(t, scores);
            Map<String, Set<String>> admitted = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                CustomerContext c = context(id, rows.get(i), scores.get(id), RiskBand.of(scores.get(id),
                        bandCuts.get(0), bandCuts.get(1), bandCuts.get(2)), t);
                Map<String, Object> cel = c.toCel();
                Set<String> rules = new HashSet<>();
                for (EvalRule rule : RULES) {
                    if (Eligibility.test(rule.eligibility(), cel)) {
                        rules.add(rule.id());
                    }
                }
                admitted.put(id, rules);
            }
            judgedEligible.put(t, admitted);
        }
        // offers reach customers after the three policies have been judged on the state before them
        for (Choice c : chosen) {
            simulator.deliverOffer(c.customerId(), c.rule().offer(), t, (int) WINDOW.toDays(), couponOf(c.customerId(), t));
        }
        out.printf("  %s %s: %,d customers scored, %,d entering an actionable band, %,d offers%n",
                judged ? "judged wave" : "wave", t, ids.size(), entering.size(), chosen.size());
    }

    /** The rule with the best sampled net value among those admitting the customer, or null if none is positive. */
    private EvalRule best(CustomerContext c) {
        Map<String, Object> cel = c.toCel();
        EvalRule best = null;
        double bestValue = 0;
        ArmStats.Counts bandHoldout = ArmStats.pooledHoldout(RULES.stream().map(rule -> new ArmStats.Arms(
                ArmStats.Counts.NONE, counts(rule, c.riskBand(), RetentionGroup.HOLDOUT))).toList());
        for (EvalRule rule : RULES) {
            if (!Eligibility.test(rule.eligibility(), cel)) {
                continue;
            }
            ArmStats.Arms arms = new ArmStats.Arms(counts(rule, c.riskBand(), RetentionGroup.TREATMENT),
                    counts(rule, c.riskBand(), RetentionGroup.HOLDOUT));
            double value = OfferValue.sample(thompson, c.riskScore(), Math.max(MINIMUM_CUSTOMER_VALUE,
                    c.valueEstimate()), rule.cost(), rule.definition().priorKeptProbability(), PRIOR_STRENGTH,
                    PRIOR_REDEMPTION_RATE, arms, bandHoldout);
            if (value > bestValue) {
                best = rule;
                bestValue = value;
            }
        }
        return best;
    }

    /** A rule drawn at random among those admitting the customer (an exploring case), or null if none does. */
    private EvalRule anyAdmitting(CustomerContext c) {
        Map<String, Object> cel = c.toCel();
        List<EvalRule> admitting = RULES.stream().filter(rule -> Eligibility.test(rule.eligibility(), cel)).toList();
        return admitting.isEmpty() ? null : admitting.get(thompson.nextInt(admitting.size()));
    }

    /** The default of one of the service's settings, read from its declaration so the two cannot drift apart. */
    static double serviceDefault(String setting) {
        return Double.parseDouble(serviceDefaultText(setting));
    }

    static String serviceDefaultText(String setting) {
        try {
            WithDefault value = RetentionSettings.class.getMethod(setting).getAnnotation(WithDefault.class);
            if (value == null) {
                throw new IllegalStateException("keepwell.retention setting " + setting + " has no default");
            }
            return value.value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no keepwell.retention setting " + setting, e);
        }
    }

    /** {@code follow-up} or {@code window}, as the service's configuration spells them. */
    static LearningOutcome learningOutcome(String name) {
        try {
            return LearningOutcome.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learn-from: follow-up or window, got '" + name + "'", e);
        }
    }

    /** What "kept" means to the learning, in words. */
    static String describe(LearningOutcome learnFrom) {
        return learnFrom == LearningOutcome.FOLLOW_UP
                ? "an order in the " + FOLLOW_UP.toDays() + " days after the " + WINDOW.toDays() + "-day window"
                : "an order within the " + WINDOW.toDays() + "-day window";
    }

    private ArmStats.Counts counts(EvalRule rule, RiskBand band, RetentionGroup arm) {
        Counts counts = stats.get(rule.id() + "|" + band + "|" + arm);
        return counts == null ? ArmStats.Counts.NONE : counts.frozen();
    }

    /**
     * Cases whose window has ended by {@code t} leave the open cases (the customer may open a new one), and are
     * learned from: at once, kept if the customer ordered within the window; or once their follow-up has ended too,
     * kept if the customer ordered in it.
     */
    private void settle(Instant t) {
        open.values().removeIf(c -> {
            Instant windowEnds = c.at().plus(WINDOW);
            if (windowEnds.isAfter(t)) {
                return false;
            }
            if (policySettings.learnFrom() == LearningOutcome.FOLLOW_UP) {
                followingUp.add(c);
            } else {
                learn(c, c.at(), windowEnds);
            }
            return true;
        });
        followingUp.removeIf(c -> {
            Instant windowEnds = c.at().plus(WINDOW);
            Instant followUpEnds = windowEnds.plus(FOLLOW_UP);
            if (followUpEnds.isAfter(t)) {
                return false;
            }
            learn(c, windowEnds, followUpEnds);
            return true;
        });
    }

    /** Counts a case: kept if its customer ordered after {@code from} up to {@code until}. */
    private void learn(Case c, Instant from, Instant until) {
        boolean retained = orders.getOrDefault(c.customerId(), List.of()).stream()
                .anyMatch(o -> o.isAfter(from) && !o.isAfter(until));
        Counts counts = stats.computeIfAbsent(c.rule().id() + "|" + c.band() + "|" + c.arm(), k -> new Counts());
        counts.cases++;
        counts.retained += retained ? 1 : 0;
        // as the service's arm statistics do: P(redeem), hence the expected cost, is learned from redemptions
        counts.redeemed += c.arm() == RetentionGroup.TREATMENT && redeemedCoupons.contains(couponOf(c.customerId(), c.at()))
                ? 1 : 0;
    }

    private static String couponOf(String customerId, Instant caseAt) {
        return "EVAL-" + caseAt + customerId;
    }

    private CustomerContext context(String id, float[] f, double score, RiskBand band, Instant t) {
        FeatureSchema s = projector.schema();
        double revenue = value(f, s, "revenue_lifetime");
        long tenure = (long) value(f, s, "tenure_days");
        long orderCount = (long) value(f, s, "orders_lifetime");
        float sinceOrder = f[s.indexOf("days_since_last_order")];
        return new CustomerContext(id, score, band, List.of(), tenure, orderCount, revenue,
                CustomerValue.yearIfKept(revenue, tenure), CustomerContext.tierOf(revenue),
                Float.isNaN(sinceOrder) ? tenure : (long) sinceOrder, sinceVisit(f, s, tenure),
                visits.getOrDefault(id, VisitRate.NONE).perMonth(t, tenure),
                value(f, s, "avg_order_value_lifetime"),
                value(f, s, "review_rating_mean_365d"), histories.get(id).country(), "",
                Map.of("EMAIL", value(f, s, "marketing_consents") > 0), "", Map.of(),
                (long) value(f, s, "tickets_open"), value(f, s, "discount_share_365d"));
    }

    /** Days since the last session, sign-in or order, as the retention service's context counts them. */
    private static long sinceVisit(float[] f, FeatureSchema s, long tenure) {
        double since = tenure;
        for (String name : List.of("days_since_last_session", "days_since_last_login", "days_since_last_order")) {
            float v = f[s.indexOf(name)];
            if (!Float.isNaN(v)) {
                since = Math.min(since, v);
            }
        }
        return (long) since;
    }

    private static double value(float[] f, FeatureSchema s, String name) {
        float v = f[s.indexOf(name)];
        return Float.isNaN(v) ? 0 : v;
    }

    private Result judge(List<GroundTruth> truth, int waves) {
        double budget = 0;
        double policy = 0;
        double randomKept = 0;
        double oracleKept = 0;
        double traitsKept = 0;
        double casesKept = 0;
        double rulesKept = 0;
        int policyOffers = 0;
        int randomOffers = 0;
        int oracleOffers = 0;
        List<Choice> allPolicy = new ArrayList<>();
        List<Choice> allOracle = new ArrayList<>();
        Map<String, GroundTruth.Snapshot> all = new HashMap<>();
        List<ScoreCheck> checks = new ArrayList<>();
        List<PolicyOffer> offers = new ArrayList<>();
        Map<String, Double> oracleSpend = new TreeMap<>();
        Random random = new Random(1);
        for (Map.Entry<Instant, List<Choice>> wave : judgedChoices.entrySet()) {
            Map<String, GroundTruth.Snapshot> now = new HashMap<>();
            for (GroundTruth g : truth) {
                g.snapshots().stream().filter(s -> s.at().equals(wave.getKey())).findFirst()
                        .ifPresent(s -> now.put(g.customerId(), s));
            }
            List<Choice> chosen = wave.getValue();
            List<String> base = judgedBase.get(wave.getKey());
            checks.add(scoreCheck(judgedScores.get(wave.getKey()), now));
            double spend = chosen.stream().mapToDouble(c -> c.rule().cost()).sum();
            budget += spend;
            policy += upliftOf(chosen, now);
            policyOffers += chosen.size();
            chosen.forEach(c -> offers.add(new PolicyOffer(c.rule().id(), uplift(c, now), c.rule().cost(),
                    c.exploring())));
            // random targeting: the mean of many draws of random customers and random rules, same spend
            int draws = 200;
            for (int d = 0; d < draws; d++) {
                List<String> shuffled = new ArrayList<>(base);
                Collections.shuffle(shuffled, random);
                double spent = 0;
                for (String id : shuffled) {
                    EvalRule rule = RULES.get(random.nextInt(RULES.size()));
                    if (spent + rule.cost() > spend) {
                        break;
                    }
                    spent += rule.cost();
                    randomKept += uplift(new Choice(id, rule), now) / draws;
                    randomOffers++;
                }
            }
            List<Choice> oracle = best(base, now, spend, RetentionEvaluation::uplift);
            oracleKept += upliftOf(oracle, now);
            oracleOffers += oracle.size();
            oracle.forEach(c -> oracleSpend.merge(c.rule().id(), c.rule().cost(), Double::sum));
            List<Choice> traits = best(base, now, spend, RetentionEvaluation::expectedUplift);
            traitsKept += upliftOf(traits, now);
            List<Choice> cases = best(judgedEntering.get(wave.getKey()), now, spend, RetentionEvaluation::expectedUplift);
            casesKept += upliftOf(cases, now);
            Map<String, Set<String>> admitted = judgedEligible.get(wave.getKey());
            List<Choice> ruled = best(base, now, spend, (c, snapshots) -> admitted
                    .getOrDefault(c.customerId(), Set.of()).contains(c.rule().id()) ? expectedUplift(c, snapshots) : 0);
            rulesKept += upliftOf(ruled, now);
            for (Choice c : chosen) {
                all.put(c.customerId() + "@" + wave.getKey(), now.get(c.customerId()));
            }
            diagnose("policy " + wave.getKey(), chosen, now);
            diagnose("oracle " + wave.getKey(), oracle, now);
            diagnose("traits ceiling " + wave.getKey(), traits, now);
            diagnose("case ceiling " + wave.getKey(), cases, now);
        }
        Map<String, Map<String, Integer>> learned = new TreeMap<>();
        stats.forEach((key, counts) -> {
            Map<String, Integer> row = new LinkedHashMap<>();
            row.put("cases", counts.cases);
            row.put("retained", counts.retained);
            row.put("redeemed", counts.redeemed);
            learned.put(key, row);
        });
        int draws = 200;
        return new Result(per1000(policy, budget), per1000(randomKept, budget), per1000(oracleKept, budget), budget,
                policyOffers, randomOffers / draws, oracleOffers, judgedBase.values().stream().mapToInt(List::size)
                        .max().orElse(0), waves, learningCases, learned,
                new Ceilings(per1000(traitsKept, budget), per1000(rulesKept, budget), per1000(casesKept, budget)),
                ScoreCheck.pool(checks),
                List.copyOf(offers), oracleSpend);
    }

    /** The served score against the true churn probability of the customers alive at that wave. */
    private ScoreCheck scoreCheck(Map<String, Double> scores, Map<String, GroundTruth.Snapshot> now) {
        List<String> living = scores.keySet().stream().filter(id -> now.containsKey(id) && now.get(id).alive())
                .sorted().toList();
        double[] score = new double[living.size()];
        double[] truth = new double[living.size()];
        Map<RiskBand, BandTruth> bands = new EnumMap<>(RiskBand.class);
        for (int i = 0; i < score.length; i++) {
            score[i] = scores.get(living.get(i));
            truth[i] = now.get(living.get(i)).churnProbability();
            RiskBand band = RiskBand.of(score[i], bandCuts.get(0), bandCuts.get(1), bandCuts.get(2));
            bands.merge(band, new BandTruth(1, truth[i]), BandTruth::plus);
        }
        return new ScoreCheck(softAuc(score, truth), living.size(), bands);
    }

    /**
     * The best (customer, rule) pairs by {@code uplift} per unit of cost, one offer per customer, within
     * {@code spend}; credited afterwards with the true uplift whatever {@code uplift} ranked them by.
     */
    private static List<Choice> best(List<String> base, Map<String, GroundTruth.Snapshot> now, double spend,
            ToDoubleBiFunction<Choice, Map<String, GroundTruth.Snapshot>> uplift) {
        List<Choice> candidates = new ArrayList<>();
        for (String id : base) {
            for (EvalRule rule : RULES) {
                Choice c = new Choice(id, rule);
                if (uplift.applyAsDouble(c, now) > 0) {
                    candidates.add(c);
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Choice c) -> -uplift.applyAsDouble(c, now) / c.rule().cost()));
        List<Choice> oracle = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        double spent = 0;
        for (Choice c : candidates) {
            if (taken.contains(c.customerId()) || spent + c.rule().cost() > spend) {
                continue;
            }
            taken.add(c.customerId());
            spent += c.rule().cost();
            oracle.add(c);
        }
        return oracle;
    }

    private void diagnose(String name, List<Choice> choices, Map<String, GroundTruth.Snapshot> now) {
        long alive = choices.stream().filter(c -> now.containsKey(c.customerId()) && now.get(c.customerId()).alive()).count();
        double p = choices.stream().filter(c -> now.containsKey(c.customerId()) && now.get(c.customerId()).alive())
                .mapToDouble(c -> now.get(c.customerId()).churnProbability()).average().orElse(0);
        double u = choices.stream().mapToDouble(c -> uplift(c, now)).average().orElse(0);
        Map<String, Long> byRule = new TreeMap<>();
        choices.forEach(c -> byRule.merge(c.rule().id(), 1L, Long::sum));
        out.printf("  %s: %d offers, %d alive, mean true churn p of alive %.3f, mean uplift %.4f, rules %s%n", name,
                choices.size(), alive, p, u, byRule);
    }

    private static double per1000(double kept, double budget) {
        return budget == 0 ? 0 : kept / budget * 1000;
    }

    private static double uplift(Choice c, Map<String, GroundTruth.Snapshot> now) {
        GroundTruth.Snapshot s = now.get(c.customerId());
        return s == null || !s.alive() ? 0 : s.uplift().getOrDefault(c.rule().offer(), 0.0);
    }

    /** What the customer's traits and hazard lead one to expect of the rule's incentive, before the type draw. */
    private static double expectedUplift(Choice c, Map<String, GroundTruth.Snapshot> now) {
        GroundTruth.Snapshot s = now.get(c.customerId());
        return s == null || !s.alive() ? 0 : s.expectedUplift().getOrDefault(c.rule().offer(), 0.0);
    }

    private static double upliftOf(List<Choice> choices, Map<String, GroundTruth.Snapshot> now) {
        return choices.stream().mapToDouble(c -> uplift(c, now)).sum();
    }

    static void print(Result r, PrintStream out) {
        out.println();
        out.printf("incremental customers kept per 1,000 EUR of budget (budget %.0f EUR, %,d customers at the last wave)%n",
                r.budget(), r.customers());
        out.printf("  %-8s %8.2f  (%d offers)%n", "policy", r.policy(), r.policyOffers());
        out.printf("  %-8s %8.2f  (%d offers, mean of 200 draws)%n", "random", r.random(), r.randomOffers());
        out.printf("  %-8s %8.2f  (%d offers)%n", "oracle", r.oracle(), r.oracleOffers());
        double[] ci = r.policyInterval();
        out.printf("  policy / random = %.2f (target >= 2), policy / oracle = %.2f (target >= 0.6)%n",
                r.policy() / r.random(), r.policy() / r.oracle());
        out.printf("  policy 95 %% interval (offers resampled) %.2f .. %.2f, i.e. %.2f .. %.2f x random%n", ci[0], ci[1],
                ci[0] / r.random(), ci[1] / r.random());
        out.printf("ceilings, same budget, knowing true traits and hazard but not the drawn response type:%n");
        out.printf("  %-8s %8.2f  (%.2f x oracle: the best any targeting that sees only behaviour can reach)%n",
                "traits", r.ceilings().traits(), r.ceilings().traits() / r.oracle());
        out.printf("  %-8s %8.2f  (%.2f x oracle: the same, only (customer, rule) pairs the rules' eligibility admits)%n",
                "rules", r.ceilings().rules(), r.ceilings().rules() / r.oracle());
        out.printf("  %-8s %8.2f  (%.2f x oracle: the same, among the customers entering an actionable band)%n",
                "cases", r.ceilings().cases(), r.ceilings().cases() / r.oracle());
        out.printf("by rule: the policy's offers, their share of the budget, true uplift bought per 1,000 EUR (95 %%"
                + " interval), and the oracle's share of the same budget%n");
        for (RuleFigures rule : byRule(r)) {
            out.printf("  %-24s %5d offers %5.1f %% %7.2f (%.2f .. %.2f)   oracle %5.1f %%%n", rule.rule(),
                    rule.offers(), 100 * rule.spendShare(), rule.kept(), rule.interval()[0], rule.interval()[1],
                    100 * rule.oracleSpendShare());
        }
        out.printf("by how the rule was chosen:%n");
        for (RuleFigures choice : byChoice(r)) {
            out.printf("  %-24s %5d offers %5.1f %% %7.2f (%.2f .. %.2f)%n", choice.rule(), choice.offers(),
                    100 * choice.spendShare(), choice.kept(), choice.interval()[0], choice.interval()[1]);
        }
        ScoreCheck check = r.scoreCheck();
        out.printf("risk score vs true churn within the horizon, %,d living customers at the judged waves: AUC %.3f%n",
                check.customers(), check.auc());
        check.bands().forEach((band, t) -> out.printf("  %-8s %6.1f %% of them, mean true churn probability %.3f%n",
                band, 100.0 * t.customers() / Math.max(1, check.customers()), t.meanChurnProbability()));
    }

    /** Writes the pooled figures of {@code runs} (one per seed), each seed's own figures under "seeds", and the report. */
    static void write(List<Long> seeds, List<Result> runs, PolicySettings policySettings, Path json, String command)
            throws Exception {
        Result r = pool(runs);
        Map<String, Object> out = figures(r);
        out.put("learnedAsKept", describe(policySettings.learnFrom()));
        out.put("explorationShare", policySettings.explorationShare());
        List<Map<String, Object>> perSeed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seed", seeds.get(i));
            one.putAll(figures(runs.get(i)));
            one.remove("unit");
            one.remove("learnedOutcomes");
            one.remove("policyByRule");
            one.remove("policyByChoice");
            perSeed.add(one);
        }
        double[] byShop = shopInterval(runs, 2000, 1);
        if (byShop != null) {
            out.put("policyToRandom95ByShop", List.of(round(byShop[0]), round(byShop[1])));
            out.put("intervalByShop", "95 % percentile bootstrap over the shops (seeds; 2,000 resamples), each"
                    + " resample's pooled policy over its pooled random figure: what varies from shop to shop,"
                    + " learning and random's figure included");
        }
        out.put("seeds", perSeed);
        out.put("command", command);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.write(json, ModelBundle.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
        String name = json.getFileName().toString().replaceFirst("\\.json$", "") + ".html";
        Files.writeString(json.resolveSibling(name), html(r, seeds, runs, policySettings, command));
    }

    /** One row of offers: {@code name} says what they share (a rule, how it was chosen). */
    private static Map<String, Object> figures(String name, RuleFigures offers) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(name, offers.rule());
        row.put("offers", offers.offers());
        row.put("shareOfBudget", round(offers.spendShare()));
        row.put("kept", round(offers.kept()));
        row.put("kept95", List.of(round(offers.interval()[0]), round(offers.interval()[1])));
        return row;
    }

    private static Map<String, Object> figures(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policy", round(r.policy()));
        out.put("random", round(r.random()));
        out.put("oracle", round(r.oracle()));
        out.put("budget", round(r.budget()));
        out.put("unit", "incremental customers kept (true reduction of 30-day churn probability, summed) per 1,000"
                + " EUR of budget");
        out.put("policyToRandom", round(r.policy() / r.random()));
        double[] ci = r.policyInterval();
        out.put("policy95", List.of(round(ci[0]), round(ci[1])));
        out.put("policyToRandom95", List.of(round(ci[0] / r.random()), round(ci[1] / r.random())));
        out.put("interval", "95 % percentile bootstrap over the policy's offers (2,000 resamples); random is a mean of"
                + " 200 draws and taken as fixed");
        out.put("policyToOracle", round(r.policy() / r.oracle()));
        Map<String, Object> ceilings = new LinkedHashMap<>();
        ceilings.put("traits", round(r.ceilings().traits()));
        ceilings.put("traitsToOracle", round(r.ceilings().traits() / r.oracle()));
        ceilings.put("rules", round(r.ceilings().rules()));
        ceilings.put("rulesToOracle", round(r.ceilings().rules() / r.oracle()));
        ceilings.put("cases", round(r.ceilings().cases()));
        ceilings.put("casesToOracle", round(r.ceilings().cases() / r.oracle()));
        ceilings.put("meaning", "same budget, ranked by the uplift each customer's true traits and churn hazard lead"
                + " one to expect (not the drawn response type), credited with the true uplift; traits: whole base,"
                + " any rule; rules: whole base, only the rules whose eligibility admits the customer; cases: only"
                + " customers entering an actionable band, as the saga sees them");
        out.put("ceilings", ceilings);
        out.put("riskScoreVsTruth", scoreCheck(r.scoreCheck()));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RuleFigures rule : byRule(r)) {
            Map<String, Object> row = figures("rule", rule);
            row.put("oracleShareOfBudget", round(rule.oracleSpendShare()));
            rules.add(row);
        }
        out.put("policyByRule", rules);
        out.put("policyByChoice", byChoice(r).stream().map(choice -> figures("choice", choice)).toList());
        Map<String, Object> offers = new LinkedHashMap<>();
        offers.put("policy", r.policyOffers());
        offers.put("random", r.randomOffers());
        offers.put("oracle", r.oracleOffers());
        out.put("offers", offers);
        out.put("customers", r.customers());
        out.put("learningWaves", r.waves() - 1);
        out.put("learningCases", r.learningCases());
        out.put("learnedOutcomes", r.learned());
        return out;
    }

    /**
     * A one-page report: the three policies and the three ceilings as bars, on a log scale so the policy and random stay
     * visible next to the oracle.
     */
    static String html(Result r, List<Long> seeds, List<Result> runs, PolicySettings policySettings,
            String command) {
        StringBuilder perSeed = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            Result one = runs.get(i);
            perSeed.append(String.format(Locale.ROOT,
                    "<tr><td>%d</td><td>%.0f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.3f</td></tr>",
                    seeds.get(i), one.budget(), one.policy(), one.random(), one.ceilings().cases(),
                    one.ceilings().rules(), one.ceilings().traits(), one.oracle(), one.policy() / one.random(),
                    one.policy() / one.oracle()));
        }
        double[] interval = r.policyInterval();
        double[] byShop = shopInterval(runs, 2000, 1);
        StringBuilder rules = new StringBuilder();
        for (RuleFigures rule : byRule(r)) {
            rules.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%d</td><td>%.1f %%</td><td>%.2f</td><td>%.2f&ndash;%.2f</td><td>%.1f %%</td></tr>",
                    rule.rule(), rule.offers(), 100 * rule.spendShare(), rule.kept(), rule.interval()[0],
                    rule.interval()[1], 100 * rule.oracleSpendShare()));
        }
        for (RuleFigures choice : byChoice(r)) {
            rules.append(String.format(Locale.ROOT,
                    "<tr class='choice'><td><em>%s</em></td><td>%d</td><td>%.1f %%</td><td>%.2f</td>"
                            + "<td>%.2f&ndash;%.2f</td><td></td></tr>",
                    choice.rule(), choice.offers(), 100 * choice.spendShare(), choice.kept(), choice.interval()[0],
                    choice.interval()[1]));
        }
        ScoreCheck check = r.scoreCheck();
        StringBuilder bandBars = new StringBuilder();
        int row = 0;
        for (Map.Entry<RiskBand, BandTruth> band : check.bands().entrySet()) {
            double p = band.getValue().meanChurnProbability();
            int y = 10 + row++ * 40;
            bandBars.append(String.format(Locale.ROOT,
                    "<text x='0' y='%d' dy='19'>%s</text><rect x='90' y='%d' width='%.1f' height='26' fill='#c05621'/>"
                            + "<text x='%.1f' y='%d' dy='19'>%.3f (%.1f %% of the living)</text>",
                    y, band.getKey(), y, 800 * p, 96 + 800 * p, y, p,
                    100.0 * band.getValue().customers() / Math.max(1, check.customers())));
        }
        String[] names = {"policy", "random", "case ceiling", "rules ceiling", "traits ceiling", "oracle"};
        double[] values = {r.policy(), r.random(), r.ceilings().cases(), r.ceilings().rules(), r.ceilings().traits(),
                r.oracle()};
        String[] colours = {"#2b6cb0", "#a0aec0", "#90cdf4", "#c6f6d5", "#9ae6b4", "#2f855a"};
        double max = Math.log10(Math.max(10, r.oracle()) * 1.5);
        double min = Math.log10(0.1);
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            double width = 420 * (Math.log10(Math.max(0.1, values[i])) - min) / (max - min);
            int y = 10 + i * 46;
            bars.append(String.format(Locale.ROOT,
                    "<text x='0' y='%d' dy='21'>%s</text><rect x='110' y='%d' width='%.1f' height='30' fill='%s'/>"
                            + "<text x='%.1f' y='%d' dy='21'>%.2f</text>",
                    y, names[i], y, width, colours[i], 116 + width, y, values[i]));
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Retention uplift evaluation</title>
                <style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#1a202c}
                td,th{padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head>
                <body><h1>Retention targeting, judged by the simulator's ground truth</h1>
                <p>Incremental customers kept (true reduction of 30-day churn probability, summed) per 1,000 EUR of
                budget; the same %.0f EUR for each, over %d judged waves of each of %d simulated shops (seeds), pooled
                (log scale). The policy learned from its own earlier cases, counting as kept %s; of the cases no rule
                was worth offering to, %d %% explored (a rule drawn at random and offered anyway).</p>
                <svg width="640" height="290" role="img" aria-label="kept per 1,000 EUR">%s</svg>
                <table><tr><th>targeting</th><th>kept per 1,000 EUR</th><th>&times; oracle</th><th>offers</th></tr>
                <tr><td>this platform's policy</td><td>%.2f</td><td>%.3f</td><td>%d</td></tr>
                <tr><td>random targeting</td><td>%.2f</td><td>%.3f</td><td>%d</td></tr>
                <tr><td>case ceiling: true traits, customers entering a band only</td><td>%.2f</td><td>%.3f</td><td></td></tr>
                <tr><td>rules ceiling: true traits, whole base, eligible rules only</td><td>%.2f</td><td>%.3f</td><td></td></tr>
                <tr><td>traits ceiling: true traits and hazard, whole base</td><td>%.2f</td><td>%.3f</td><td></td></tr>
                <tr><td>oracle (knows the drawn response type)</td><td>%.2f</td><td>1</td><td>%d</td></tr></table>
                <p>policy / random = %.2f (95 %% interval %.2f&ndash;%.2f, the policy's offers resampled%s; target
                &ge; 2); policy / oracle = %.3f (target &ge; 0.6).</p>
                <h2>By rule</h2>
                <p>The policy's offers at the judged waves by the rule that made them: the true uplift they bought per
                1,000 EUR, and where the oracle put the same budget; then the same offers split by how their rule was
                chosen: by value, or drawn at random in an exploring case (no rule worth its cost).</p>
                <table><tr><th>rule</th><th>offers</th><th>share of budget</th><th>kept per 1,000 EUR</th>
                <th>95 %% interval</th><th>oracle's share of budget</th></tr>%s</table>
                <h2>Per seed</h2>
                <table><tr><th>seed</th><th>budget</th><th>policy</th><th>random</th><th>case ceiling</th>
                <th>rules ceiling</th><th>traits ceiling</th><th>oracle</th><th>policy / random</th><th>policy / oracle</th></tr>%s</table>
                <p>
                The ceilings rank by the uplift a customer's true traits and churn hazard lead one to expect, not by
                the response type drawn for them: no behaviour shows that draw, so the traits ceiling is the most any
                targeting that sees behaviour can reach. Method and discussion: docs/retention.md.</p>
                <h2>Does the risk score find who truly leaves?</h2>
                <p>Mean true probability of churning within the horizon, by served risk band, over the %,d living
                customers of the judged waves (customers who have left already are not counted). AUC of the score
                against that truth: %.3f (0.5 = no better than chance).</p>
                <svg width="640" height="%d" role="img" aria-label="true churn probability by band">%s</svg>
                <p><code>%s</code></p></body></html>
                """.formatted(r.budget(), JUDGED_WAVES, runs.size(), describe(policySettings.learnFrom()),
                Math.round(100 * policySettings.explorationShare()), bars, r.policy(), r.policy() / r.oracle(), r.policyOffers(),
                r.random(), r.random() / r.oracle(), r.randomOffers(), r.ceilings().cases(),
                r.ceilings().cases() / r.oracle(), r.ceilings().rules(), r.ceilings().rules() / r.oracle(),
                r.ceilings().traits(), r.ceilings().traits() / r.oracle(),
                r.oracle(), r.oracleOffers(), r.policy() / r.random(), interval[0] / r.random(),
                interval[1] / r.random(), byShop == null ? "" : String.format(Locale.ROOT,
                        "; %.2f&ndash;%.2f, the shops resampled", byShop[0], byShop[1]),
                r.policy() / r.oracle(), rules, perSeed,
                check.customers(), check.auc(), 20 + 40 * check.bands().size(), bandBars, command);
    }

    private static Map<String, Object> scoreCheck(ScoreCheck check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("auc", round(check.auc()));
        out.put("livingCustomers", check.customers());
        Map<String, Object> bands = new LinkedHashMap<>();
        check.bands().forEach((band, t) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("share", round((double) t.customers() / Math.max(1, check.customers())));
            row.put("meanTrueChurnProbability", round(t.meanChurnProbability()));
            bands.put(band.name(), row);
        });
        out.put("bands", bands);
        out.put("meaning", "the served risk score against the simulator's true probability that each living customer"
                + " churns within the horizon, over the judged waves: AUC = chance that a churner scores above a"
                + " stayer (each customer counted with its true probability); per band its share of the living"
                + " customers and their mean true churn probability");
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
