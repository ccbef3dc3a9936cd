package com.keepwell.readmodels.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.keepwell.domain.api.CampaignResultView;
import com.keepwell.domain.api.CampaignResultView.ArmView;
import com.keepwell.domain.api.CampaignResultView.BandView;
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
        double weightedLift = 0;
        double variance = 0;
        double treatedInStrata = 0;
        for (RiskBand band : RiskBand.values()) {
            CampaignArm t = treated.get(band);
            CampaignArm h = holdout.get(band);
            if (t == null && h == null) {
                continue;
            }
            Double lift = null;
            Double low = null;
            Double high = null;
            if (t != null && h != null && t.settled > 0 && h.settled > 0) {
                lift = rate(t) - rate(h);
                double sd = Math.sqrt(adjustedVariance(t) + adjustedVariance(h));
                low = Math.max(-1, lift - Z * sd);
                high = Math.min(1, lift + Z * sd);
                weightedLift += t.settled * lift;
                variance += (double) t.settled * t.settled * (adjustedVariance(t) + adjustedVariance(h));
                treatedInStrata += t.settled;
            }
            if (withBands) {
                bands.add(new BandView(band, view(t), view(h), lift, low, high));
            }
        }
        CampaignArm allTreated = total(treated);
        CampaignArm allHoldout = total(holdout);
        Double lift = null;
        Double low = null;
        Double high = null;
        Double incremental = null;
        BigDecimal perIncremental = null;
        if (treatedInStrata > 0) {
            lift = weightedLift / treatedInStrata;
            double sd = Math.sqrt(variance) / treatedInStrata;
            low = Math.max(-1, lift - Z * sd);
            high = Math.min(1, lift + Z * sd);
            incremental = weightedLift;
            if (incremental > 0) {
                perIncremental = allTreated.settledCost.divide(BigDecimal.valueOf(incremental), 2,
                        RoundingMode.HALF_UP);
            }
        }
        return new CampaignResultView(ruleId, view(allTreated), view(allHoldout), lift, low, high, incremental,
                allTreated.cost, allTreated.currency, perIncremental, bands);
    }

    private static CampaignArm total(Map<RiskBand, CampaignArm> arms) {
        return arms.values().stream().reduce(new CampaignArm(null, null, null), CampaignResults::sum);
    }

    /** A new arm with the counts of both (rows from the database are never changed here). */
    private static CampaignArm sum(CampaignArm a, CampaignArm b) {
        CampaignArm s = new CampaignArm(a.ruleId, a.band, a.arm);
        for (CampaignArm x : List.of(a, b)) {
            s.assigned += x.assigned;
            s.offersSent += x.offersSent;
            s.offersRefused += x.offersRefused;
            s.ended += x.ended;
            s.retained += x.retained;
            s.redeemed += x.redeemed;
            s.settled += x.settled;
            s.settledRetained += x.settledRetained;
            s.settledCost = s.settledCost.add(x.settledCost);
            s.cost = s.cost.add(x.cost);
            s.currency = s.currency != null ? s.currency : x.currency;
        }
        return s;
    }

    private static double rate(CampaignArm a) {
        return a.settledRetained / (double) a.settled;
    }

    private static double adjustedVariance(CampaignArm a) {
        double p = (a.settledRetained + 1.0) / (a.settled + 2.0);
        return p * (1 - p) / a.settled;
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
        double p = rate(a);
        double denominator = 1 + Z * Z / n;
        double centre = (p + Z * Z / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator;
        return new ArmView(a.assigned, a.offersSent, a.offersRefused, a.ended, a.retained, a.redeemed, a.settled,
                a.settledRetained, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
