package com.keepwell.readmodels.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.qute.TemplateExtension;

/** How the console writes numbers, times and codes: in words a person reads without a legend. */
@TemplateExtension
public final class ConsoleFormat {

    private ConsoleFormat() {
    }

    /** 0.8312 → "83 %"; the ends say they are not certainties: 0.998 → "> 99 %". */
    static String percent(double share) {
        if (share > 0.995) {
            return "> 99 %";
        }
        if (share > 0 && share < 0.005) {
            return "< 1 %";
        }
        return Math.round(share * 100) + " %";
    }

    static String percent(Double share) {
        return share == null ? "—" : percent(share.doubleValue());
    }

    /** A signed difference in percentage points: 0.052 → "+5.2 pp". */
    static String points(Double difference) {
        if (difference == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.1f pp", difference * 100);
    }

    static String time(Instant at) {
        return Freshness.format(at);
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
