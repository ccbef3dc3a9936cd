package com.keepwell.retention.saga;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import com.keepwell.domain.api.ContactPolicy;
import com.keepwell.domain.api.RiskBand;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code keepwell.retention.*}: when retention acts, the contact policy it asks the aggregate to enforce, priors. */
@ConfigMapping(prefix = "keepwell.retention")
public interface RetentionSettings {

    /** Act at all (off in processes that do not host retention decisions). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Entering one of these bands (from a band outside them) opens a retention case. MEDIUM is included because the
     * shipped model's label is "no order in 30 days": HIGH and CRITICAL hold many customers who already left, MEDIUM
     * the living ones at risk (docs/retention.md, uplift evaluation).
     */
    @WithDefault("MEDIUM,HIGH,CRITICAL")
    List<RiskBand> actionableBands();

    /**
     * Open cases on assessments of replayed history too (scoring marks them: features as of more than its
     * {@code backfill-lag} back). Off: importing a year of old events sends no offer on what customers did months ago,
     * and counts no old re-order as an outcome; a customer in an actionable band when the import ends opens a case on
     * their first assessment of the present. On for the embedded platform's simulated shop, whose customers live
     * in the replayed time and answer its offers there.
     */
    @WithDefault("false")
    boolean actOnHistory();

    /**
     * An event older than this when the saga reads it is replayed history (scoring's {@code backfill-lag} is the
     * same idea, with the same default). A case opened on history runs on the history's time ({@link HistoryClock}).
     */
    @WithDefault("6h")
    Duration historyLag();

    Contact contact();

    /** How sure the configured prior P(kept | offer) is, in pseudo-customers per arm. */
    @WithDefault("20")
    double priorStrength();

    /** Before a rule has outcomes: the share of its offers that get redeemed (for expected cost). */
    @WithDefault("0.3")
    double priorRedemptionRate();

    /**
     * When every rule that would serve a case has spent the day's limit but not its total, the case is decided
     * again at the start of the next (UTC) day, on at most this many days; 0 makes it unserved at once.
     */
    @WithDefault("7")
    int budgetWaitDays();

    /** Floor of a customer's yearly value, so a new customer with one small order is still worth keeping. */
    @WithDefault("50")
    double minimumCustomerValue();

    /** Save the starter rule set when no rule exists yet (the embedded platform does). */
    @WithDefault("false")
    boolean starterRules();

    /** How long a cached rule book is trusted before it is reloaded (other instances may have saved rules). */
    @WithDefault("5s")
    Duration ruleRefreshInterval();

    /**
     * When set, every case's outcome window (and offer validity) is this long instead of the rule's validity days:
     * for demos whose simulated time runs faster than the clock, and for tests.
     */
    Optional<Duration> outcomeWindowOverride();

    /**
     * How long each case's customer is followed after its outcome window: their first order in that time is recorded
     * ({@code OrderedAfterRetentionWindowEvent}), in both arms. An offer also brings forward orders of customers who
     * were staying anyway, so "ordered inside the window" overstates what it kept; "still ordering weeks after" does
     * not. {@code 0} follows no case.
     */
    @WithDefault("28d")
    Duration followUp();

    /**
     * What offer choice learns as "kept": {@code follow-up}, an order in the follow-up after the window (learning waits
     * window + follow-up for each case); {@code window}, an order (or redemption) inside the window (learns sooner,
     * but credits brought-forward orders). Changing it on a running service needs a rebuild of the
     * {@code retention-learning} processor, whose counts hold one definition.
     */
    @WithDefault("follow-up")
    LearningOutcome learnFrom();

    /**
     * Of the cases that no rule would serve because none has a positive expected net value, the share that draws a
     * rule at random among those that could serve it (admitting, consented, with budget) and takes it anyway
     * ({@link Exploration}): without it, rules whose learned values have all turned negative make no offer again and
     * cannot learn that they have become worth offering. Recorded on the case
     * ({@code RetentionGroupAssignedEvent.exploring}). {@code 0} turns it off.
     */
    @WithDefault("0.05")
    @DecimalMin("0")
    @DecimalMax("1")
    double explorationShare();

    /** See {@link #learnFrom()}. */
    enum LearningOutcome {
        WINDOW,
        FOLLOW_UP
    }

    /** The outcome window of a rule with {@code validityDays}. */
    default Duration outcomeWindow(int validityDays) {
        return outcomeWindowOverride().orElse(Duration.ofDays(validityDays));
    }

    interface Contact {
        @WithDefault("2")
        int maxOffers();

        @WithDefault("30d")
        Duration capWindow();

        @WithDefault("7d")
        Duration cooldown();

        @WithDefault("21:00")
        LocalTime quietFrom();

        @WithDefault("08:00")
        LocalTime quietUntil();
    }

    default ContactPolicy contactPolicy() {
        Contact c = contact();
        return new ContactPolicy(c.maxOffers(), c.capWindow(), c.cooldown(), c.quietFrom(), c.quietUntil());
    }
}
