package com.keepwell.domain.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Scores as served: per day (UTC, by assessment time) and model version, how many assessments, their mean, how they
 * fell into bands and into ten equal-width score buckets ({@code histogram[0]} counts scores in [0, 0.1)); and per
 * model version, how many assessments it made and when.
 */
public record ModelMonitoringView(List<Day> days, List<Version> versions) {

    public record Day(LocalDate day, String modelVersion, long assessments, double meanScore,
            Map<RiskBand, Long> bands, long[] histogram) {
    }

    public record Version(String modelVersion, long assessments, Instant firstAssessedAt, Instant lastAssessedAt) {
    }
}
