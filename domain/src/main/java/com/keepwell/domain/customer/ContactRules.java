package com.keepwell.domain.customer;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import com.keepwell.domain.api.ContactPolicy;
import com.keepwell.domain.api.OfferRefusal;

/**
 * The contact policy as a function: given what the customer allows and which offers they already had, may one
 * more go out at {@code at}? Answers with nothing, or with the refusal, its words, and when trying again could help.
 */
final class ContactRules {

    /** A refusal; {@code retryAfter} is null where waiting does not help. */
    record Refusal(OfferRefusal reason, String detail, Instant retryAfter) {
    }

    /** What the policy looks at. {@code dispatchTimes} are the earlier offers' times, oldest first. */
    record Situation(boolean closed, boolean consented, boolean offerOpen, List<Instant> dispatchTimes, String timeZone) {
    }

    private ContactRules() {
    }

    static Optional<Refusal> check(ContactPolicy policy, Situation s, String channel, Instant at) {
        if (s.closed()) {
            return refuse(OfferRefusal.ACCOUNT_CLOSED, "the customer closed their account", null);
        }
        if (!s.consented()) {
            return refuse(OfferRefusal.NO_CONSENT, "no marketing consent for " + channel, null);
        }
        if (s.offerOpen()) {
            return refuse(OfferRefusal.OFFER_OPEN, "an earlier offer is still open", null);
        }
        Instant windowStart = at.minus(policy.capWindow());
        List<Instant> inWindow = s.dispatchTimes().stream().filter(t -> t.isAfter(windowStart)).toList();
        if (inWindow.size() >= policy.maxOffers()) {
            return refuse(OfferRefusal.FREQUENCY_CAP, inWindow.size() + " offers in the last "
                    + policy.capWindow().toDays() + " days (cap " + policy.maxOffers() + ")",
                    inWindow.get(inWindow.size() - policy.maxOffers()).plus(policy.capWindow()));
        }
        if (!s.dispatchTimes().isEmpty()) {
            Instant last = s.dispatchTimes().get(s.dispatchTimes().size() - 1);
            Instant coolUntil = last.plus(policy.cooldown());
            if (at.isBefore(coolUntil)) {
                return refuse(OfferRefusal.COOLDOWN, "last offer " + Duration.between(last, at).toHours()
                        + " h ago, cooldown " + policy.cooldown().toDays() + " days", coolUntil);
            }
        }
        ZonedDateTime local = at.atZone(zoneOf(s.timeZone()));
        if (policy.isQuiet(local.toLocalTime())) {
            ZonedDateTime end = local.with(policy.quietUntil());
            if (!end.isAfter(local)) {
                end = end.plusDays(1);
            }
            return refuse(OfferRefusal.QUIET_HOURS, "quiet hours in " + local.getZone() + " (local time "
                    + local.toLocalTime().withNano(0) + ")", end.toInstant());
        }
        return Optional.empty();
    }

    /** The customer's zone, or UTC when the storefront sent none or one Java does not know. */
    static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Optional<Refusal> refuse(OfferRefusal reason, String detail, Instant retryAfter) {
        return Optional.of(new Refusal(reason, detail, retryAfter));
    }
}
