package com.keepwell.readmodels.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.keepwell.domain.api.CampaignResultView.ArmView;
import com.keepwell.domain.api.CampaignResultView.FollowUpView;
import com.keepwell.readmodels.Readable;

import io.quarkus.qute.TemplateExtension;

/** How the console writes numbers, times and codes: in words a person reads without a legend. */
/** Called as {@code fmt:percent(value)}: namespace functions also receive null values (shown as a dash). */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormat {

    private ConsoleFormat() {
    }

    static String percent(Double share) {
        return share == null ? "—" : Readable.percent(share);
    }

    /** An observed rate, as measured: 3 of 3 is "100 %". */
    static String rate(Double share) {
        return share == null ? "—" : Math.round(share * 100) + " %";
    }

    /**
     * How an arm's rate was measured, "8 of 12 (39 %–86 %)" over the settled cases, with how many still wait for
     * their window; or why it has no rate yet.
     */
    static String armDetail(ArmView arm) {
        long waiting = arm.assigned() - arm.settled();
        if (arm.retentionRate() == null) {
            if (arm.assigned() == 0) {
                return "no case";
            }
            long early = arm.ended() - arm.settled();
            return "no window closed yet (" + waiting + " open" + (early > 0 ? ", " + early + " ended early" : "") + ")";
        }
        return arm.settledRetained() + " of " + arm.settled() + " (" + rate(arm.rateLow()) + "–"
                + rate(arm.rateHigh()) + ")" + (waiting > 0 ? ", " + waiting + " in their window" : "");
    }

    /** A lift's 95 % interval, or what it waits for: settled cases in both arms of some risk band. */
    static String liftInterval(Double low, Double high) {
        if (low == null || high == null) {
            return "needs settled cases in both arms";
        }
        return points(low) + " to " + points(high);
    }

    /**
     * Both arms' share still ordering after the window, "14 % vs 9 % (of 230 and 25)", over the cases whose follow-up
     * has ended; or why there is none yet.
     */
    static String orderedAfter(FollowUpView f) {
        if (f == null || f.treatedCases() + f.holdoutCases() == 0) {
            return "no follow-up ended yet";
        }
        return rate(f.treatedRate()) + " vs " + rate(f.holdoutRate()) + " (of " + f.treatedCases() + " and "
                + f.holdoutCases() + ")";
    }

    /** The lift on orders after the window with its 95 % interval, or what it waits for. */
    static String liftAfter(FollowUpView f) {
        if (f == null || f.lift() == null) {
            return "needs ended follow-ups in both arms";
        }
        return points(f.lift()) + " (" + points(f.liftLow()) + " to " + points(f.liftHigh()) + ")";
    }

    /** A signed difference in percentage points: 0.052 → "+5.2 pp". */
    static String points(Double difference) {
        if (difference == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.1f pp", difference * 100);
    }

    static String time(Instant at) {
        return at == null ? "—" : Freshness.format(at);
    }

    static String date(Instant at) {
        return at == null ? "—" : Freshness.format(at).substring(0, 10);
    }

    /** ORDERED_AGAIN → "ordered again". */
    static String words(Enum<?> code) {
        return code == null ? "—" : code.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    static String lower(Enum<?> code) {
        return code == null ? "" : code.name().toLowerCase(Locale.ROOT);
    }

    static String amount(BigDecimal amount) {
        return amount == null ? "—" : amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String oneDecimal(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** {EUR: 120.5, USD: 10} → "120.50 EUR, 10.00 USD". */
    static String money(Map<String, BigDecimal> perCurrency) {
        if (perCurrency == null || perCurrency.isEmpty()) {
            return "—";
        }
        return perCurrency.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> amount(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
