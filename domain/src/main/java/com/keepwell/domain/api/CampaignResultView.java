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

    /** One arm: cases assigned, offers sent and refused, cases ended, retained (with a 95 % Wilson interval). */
    public record ArmView(long assigned, long offersSent, long offersRefused, long ended, long retained,
            long redeemed, double retentionRate, double rateLow, double rateHigh) {
    }

    /** One risk band of a rule. */
    public record BandView(RiskBand band, ArmView treated, ArmView holdout, Double lift, Double liftLow,
            Double liftHigh) {
    }
}
