package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Treated against holdout for one rule (or, with a null rule id, all rules together), over the cases that have
 * ended. {@code lift} is the retention rate difference, post-stratified by risk band (each band's difference
 * weighted by its treated cases), with a 95 % interval; {@code incrementalCustomers} = that lift × treated cases
 * in bands that have both arms. Lift and incremental customers are null until some band has ended cases in both
 * arms; {@code costPerIncrementalCustomer} is null while there is no positive lift.
 *
 * @param bands the same figures per risk band (empty in the all-rules total)
 */
public record CampaignResultView(
        RuleId ruleId,
        ArmView treated,
        ArmView holdout,
        Double lift,
        Double liftLow,
        Double liftHigh,
        Double incrementalCustomers,
        BigDecimal cost,
        String currency,
        BigDecimal costPerIncrementalCustomer,
        List<BandView> bands) {

    /**
     * One arm: cases assigned, offers sent and refused, cases ended, retained, and the retention rate with a 95 %
     * Wilson interval, null while no case of the arm has ended.
     */
    public record ArmView(long assigned, long offersSent, long offersRefused, long ended, long retained,
            long redeemed, Double retentionRate, Double rateLow, Double rateHigh) {
    }

    /** One risk band of a rule. */
    public record BandView(RiskBand band, ArmView treated, ArmView holdout, Double lift, Double liftLow,
            Double liftHigh) {
    }
}
