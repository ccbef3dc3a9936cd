package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

/**
 * A customer's latest risk assessment as read models show it. {@code historical}: it describes imported history (the
 * customer as of {@code featuresAsOf}, during an import), not their present.
 */
public record CurrentRiskView(
        double score,
        RiskBand band,
        List<RiskReason> reasons,
        String modelVersion,
        Instant featuresAsOf,
        Instant assessedAt,
        boolean historical) {
}
