package com.keepwell.domain.api;

import java.time.Instant;
import java.util.List;

/** Risk over time, oldest first, each point with the reasons the model gave then. */
public record RiskHistoryView(List<Point> points) {

    public record Point(Instant featuresAsOf, Instant assessedAt, double score, RiskBand band, String modelVersion,
            List<RiskReason> reasons) {
    }
}
