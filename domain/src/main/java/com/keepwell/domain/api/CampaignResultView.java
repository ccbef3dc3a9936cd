package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * Treated against holdout for one rule (or, with a null rule id, all rules together), over the <em>settled</em>
 * cases: those whose outcome window has closed. A case that ends early (an order on day 2 of 14) settles at its
 * window's end like the case beside it that will expire, so rates never read high while windows are open.
 * {@code lift} is the retention rate difference, post-stratified by risk band (each band's difference weighted by
 * its settled treated cases), with a 95 % interval; {@code incrementalCustomers} = that lift × settled treated cases
 * in bands that have both arms. Lift and incremental customers are null until some band has settled cases in both
 * arms. {@code cost} is what every redemption so far cost; {@code costPerIncrementalCustomer} divides the settled
 * cases' cost by the incremental customers, null while there is no positive lift.
 *
 * {@code followUp} compares the arms on orders after the window, where an order only brought forward does not count.
 * {@code exploringCases}: of the cases in both arms, those whose rule was drawn at random to keep learning because no
 * rule was worth its cost ({@link RetentionGroupAssignedEvent#exploring()}); they are randomised between the arms like
 * the others, so they count in every figure above.
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
        FollowUpView followUp,
        long exploringCases,
        List<BandView> bands) {

    /**
     * One arm: cases assigned, offers sent and refused, cases ended (with an outcome), retained and redeemed of those;
     * cases settled (window closed) and retained of those, and the retention rate of the settled cases with a 95 %
     * Wilson interval, null while none has settled.
     */
    public record ArmView(long assigned, long offersSent, long offersRefused, long ended, long retained,
            long redeemed, long settled, long settledRetained, Double retentionRate, Double rateLow, Double rateHigh) {
    }

    /** One risk band of a rule. */
    public record BandView(RiskBand band, ArmView treated, ArmView holdout, Double lift, Double liftLow,
            Double liftHigh) {
    }

    /**
     * Still ordering after the window: of the cases whose follow-up has ended (the follow-up after the outcome window,
     * {@link OrderedAfterRetentionWindowEvent}), how many customers ordered in it, per arm, and the lift on that,
     * post-stratified by band like the window's, with its 95 % interval and incremental customers. Rates are null
     * while no case of the arm has been followed up; lift and incremental customers until some band has followed-up
     * cases in both arms.
     */
    public record FollowUpView(long treatedCases, long treatedOrdered, Double treatedRate, long holdoutCases,
            long holdoutOrdered, Double holdoutRate, Double lift, Double liftLow, Double liftHigh,
            Double incrementalCustomers) {
    }
}
