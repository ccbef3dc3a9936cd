package com.keepwell.retention.saga;

/**
 * Which retention cases may explore. Thompson sampling explores only through the width of its posteriors; once every
 * draw of a rule's value comes out below zero, the rule opens no case in either arm, learns nothing more, and stays
 * where it is even if the shop changes; once that holds for every rule a customer is admitted to, the customer gets
 * nothing, and a shop whose rules all turned negative makes no offer again. So of the cases that no rule would serve
 * for lack of value, this share draws a rule at random among those that could serve them, and takes it whatever
 * its value ({@link OfferPlanner}). Cases some rule is worth offering to are decided by value, exploring or not.
 *
 * <p>Like the holdout, decided by a hash of the case rather than a random draw, so a retried decision is the same;
 * the hash input differs from the holdout's, so the two are independent: an exploring case can be held out too, and
 * its rule then learns on both arms.
 */
public final class Exploration {

    private Exploration() {
    }

    /** Whether the case explores, at {@code share} (0 never, 1 always) of all cases. */
    public static boolean explores(String caseId, double share) {
        if (share <= 0) {
            return false;
        }
        return HoldoutAssignment.uniform("explore|" + caseId) < share;
    }
}
