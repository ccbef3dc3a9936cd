package com.keepwell.readmodels.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import com.keepwell.domain.api.CampaignResultView;
import com.keepwell.domain.api.CampaignResultView.ArmView;
import com.keepwell.domain.api.CampaignResultView.BandView;
import com.keepwell.domain.api.CampaignResultView.FollowUpView;
import com.keepwell.domain.api.RetentionGroup;
import com.keepwell.domain.api.RiskBand;
import com.keepwell.domain.api.RuleId;

/**
 * Treated against holdout from arm counts, over the settled cases (window closed, {@link CampaignResultView}). Rates
 * get 95 % Wilson intervals (sound at small counts and at 0 or 1).
 * The lift is post-stratified by risk band: arms are randomised within each band, so bands are compared with their
 * own holdout and the differences weighted by treated cases; its interval is the normal approximation of that
 * weighted sum, with each rate's variance taken at (k + 1) / (n + 2) so an all-or-nothing band still has width,
 * cut to the −100 to +100 points a difference of two rates can take (small arms would reach past them).
 * The same lift is given for orders after the window, over the cases whose follow-up has ended
 * ({@link FollowUpView}).
 */
final class CampaignResults {

    private static final double Z = 1.959964;

    private CampaignResults() {
    }

    /** The result of the arms given (all of one rule, or of every rule, with {@code ruleId} null). */
    static CampaignResultView of(RuleId ruleId, List<CampaignArm> arms, boolean withBands) {
        Map<RiskBand, CampaignArm> treated = new EnumMap<>(RiskBand.class);
        Map<RiskBand, CampaignArm> holdout = new EnumMap<>(RiskBand.class);
        for (CampaignArm a : arms) {
            Map<RiskBand, CampaignArm> side = a.arm() == RetentionGroup.TREATMENT ? treated : holdout;
            side.merge(a.band(), a, CampaignResults::sum);
        }
        List<BandView> bands = new ArrayList<>();
        if (withBands) {
            for (RiskBand band : RiskBand.values()) {
                CampaignArm t = treated.get(band);
                CampaignArm h = holdout.get(band);
                if (t == null && h == null) {
                    continue;
                }
                Lift lift = Lift.of(Map.of(band, t == null ? empty() : t), Map.of(band, h == null ? empty() : h),
                        WINDOW);
                bands.add(new BandView(band, view(t), view(h), lift.lift(), lift.low(), lift.high()));
            }
        }
        CampaignArm allTreated = total(treated);
        CampaignArm allHoldout = total(holdout);
        Lift lift = Lift.of(treated, holdout, WINDOW);
        BigDecimal perIncremental = lift.incremental() != null && lift.incremental() > 0
                ? allTreated.settledCost.divide(BigDecimal.valueOf(lift.incremental()), 2, RoundingMode.HALF_UP)
                : null;
        Lift after = Lift.of(treated, holdout, FOLLOW_UP);
        FollowUpView followUp = new FollowUpView(allTreated.followedUp, allTreated.orderedAfter,
                allTreated.followedUp == 0 ? null : allTreated.orderedAfter / (double) allTreated.followedUp,
                allHoldout.followedUp, allHoldout.orderedAfter,
                allHoldout.followedUp == 0 ? null : allHoldout.orderedAfter / (double) allHoldout.followedUp,
                after.lift(), after.low(), after.high(), after.incremental());
        return new CampaignResultView(ruleId, view(allTreated), view(allHoldout), lift.lift(), lift.low(), lift.high(),
                lift.incremental(), allTreated.cost, allTreated.currency, perIncremental, followUp,
                allTreated.exploring + allHoldout.exploring, bands);
    }

    /** Which cases of an arm a lift compares, and how many of them count as kept. */
    private record Measure(ToLongFunction<CampaignArm> cases, ToLongFunction<CampaignArm> kept) {
    }

    /** Settled cases (window closed), kept = ordered or redeemed within the window. */
    private static final Measure WINDOW = new Measure(a -> a.settled, a -> a.settledRetained);
    /** Followed-up cases (follow-up ended), kept = ordered after the window. */
    private static final Measure FOLLOW_UP = new Measure(a -> a.followedUp, a -> a.orderedAfter);

    /**
     * Treated minus holdout rate, post-stratified by band, over the bands with cases in both arms; all null when none
     * has. {@code incremental} = the lift × those bands' treated cases.
     */
    private record Lift(Double lift, Double low, Double high, Double incremental) {

        static Lift of(Map<RiskBand, CampaignArm> treated, Map<RiskBand, CampaignArm> holdout, Measure m) {
            double weightedLift = 0;
            double variance = 0;
            double treatedInStrata = 0;
            for (Map.Entry<RiskBand, CampaignArm> band : treated.entrySet()) {
                CampaignArm t = band.getValue();
                CampaignArm h = holdout.get(band.getKey());
                long nt = m.cases().applyAsLong(t);
                if (h == null || nt == 0 || m.cases().applyAsLong(h) == 0) {
                    continue;
                }
                weightedLift += nt * (rate(t, m) - rate(h, m));
                variance += (double) nt * nt * (adjustedVariance(t, m) + adjustedVariance(h, m));
                treatedInStrata += nt;
            }
            if (treatedInStrata == 0) {
                return new Lift(null, null, null, null);
            }
            double lift = weightedLift / treatedInStrata;
            double sd = Math.sqrt(variance) / treatedInStrata;
            return new Lift(lift, Math.max(-1, lift - Z * sd), Math.min(1, lift + Z * sd), weightedLift);
        }
    }

    private static CampaignArm empty() {
        return new CampaignArm(null, null, null);
    }

    private static CampaignArm total(Map<RiskBand, CampaignArm> arms) {
        return arms.values().stream().reduce(empty(), CampaignResults::sum);
    }

    /** A new arm with the counts of both (rows from the database are never changed here). */
    private static CampaignArm sum(CampaignArm a, CampaignArm b) {
        CampaignArm s = new CampaignArm(a.ruleId, a.band, a.arm);
        for (CampaignArm x : List.of(a, b)) {
            s.assigned += x.assigned;
            s.exploring += x.exploring;
            s.offersSent += x.offersSent;
            s.offersRefused += x.offersRefused;
            s.ended += x.ended;
            s.retained += x.retained;
            s.redeemed += x.redeemed;
            s.settled += x.settled;
            s.settledRetained += x.settledRetained;
            s.settledCost = s.settledCost.add(x.settledCost);
            s.followedUp += x.followedUp;
            s.orderedAfter += x.orderedAfter;
            s.cost = s.cost.add(x.cost);
            s.currency = s.currency != null ? s.currency : x.currency;
        }
        return s;
    }

    private static double rate(CampaignArm a, Measure m) {
        return m.kept().applyAsLong(a) / (double) m.cases().applyAsLong(a);
    }

    private static double adjustedVariance(CampaignArm a, Measure m) {
        double n = m.cases().applyAsLong(a);
        double p = (m.kept().applyAsLong(a) + 1.0) / (n + 2.0);
        return p * (1 - p) / n;
    }

    /** An arm's counts; its rate and interval only once a case has settled (none is not "0 % kept"). */
    private static ArmView view(CampaignArm a) {
        if (a == null) {
            return new ArmView(0, 0, 0, 0, 0, 0, 0, 0, null, null, null);
        }
        if (a.settled == 0) {
            return new ArmView(a.assigned, a.offersSent, a.offersRefused, a.ended, a.retained, a.redeemed, 0, 0,
                    null, null, null);
        }
        double n = a.settled;
        double p = rate(a, WINDOW);
        double denominator = 1 + Z * Z / n;
        double centre = (p + Z * Z / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator;
        return new ArmView(a.assigned, a.offersSent, a.offersRefused, a.ended, a.retained, a.redeemed, a.settled,
                a.settledRetained, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
