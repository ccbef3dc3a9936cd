package com.keepwell.domain.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's latest risk assessment as read models show it. {@code historical}: it describes imported history (the
 * customer as of {@code featuresAsOf}, during an import), not their present. {@code valueAtRisk}: the score times a
 * year's value if kept ({@link CustomerValue#yearIfKept}, tenure as of {@code featuresAsOf}), what the worklist orders
 * by "value at risk"; null where the read model has not computed it yet.
 */
public record CurrentRiskView(
        double score,
        RiskBand band,
        List<RiskReason> reasons,
        String modelVersion,
        Instant featuresAsOf,
        Instant assessedAt,
        boolean historical,
        BigDecimal valueAtRisk) {
}
