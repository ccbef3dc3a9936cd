package com.keepwell.readmodels.monitoring;

import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.FindModelMonitoringQuery;
import com.keepwell.domain.api.ModelMonitoringView;
import com.keepwell.domain.api.RiskAssessedEvent;
import com.keepwell.domain.api.RiskBand;

import com.keepwell.infra.axon.SequentialProcessing;
import com.keepwell.readmodels.SqlValues;

import io.quarkus.arc.Unremovable;

/**
 * Counts served scores per day and model version: by band and in ten score buckets, so operators see the score
 * distribution drift and which model made which assessments. The day is the UTC day the features describe (the
 * storefront's time), so a replayed history spreads over its own days rather than over the minutes it took.
 */
@ApplicationScoped
@Unremovable
@ProcessingGroup(ModelMonitoringProjection.PROCESSOR)
@SequentialProcessing
public class ModelMonitoringProjection {

    public static final String PROCESSOR = "model-monitoring";
    static final int BUCKETS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager entityManager;

    @Inject
    ModelMonitoringProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Bucket {@code i} holds scores in [i / 10, (i + 1) / 10); a score of exactly 1 goes into the last. */
    static int bucketOf(double score) {
        return Math.max(0, Math.min(BUCKETS - 1, (int) Math.floor(score * BUCKETS)));
    }

    @EventHandler
    void on(RiskAssessedEvent e) {
        entityManager.createNativeQuery("""
                INSERT INTO model_monitoring_day AS m (day, model_version, assessments, score_sum, bands, histogram,
                    first_at, last_at)
                VALUES (?1, ?2, 1, ?3, jsonb_build_object(CAST(?4 AS text), 1),
                    (SELECT array_agg(CASE WHEN i = ?6 THEN 1::bigint ELSE 0::bigint END ORDER BY i)
                     FROM generate_series(1, 10) i), ?5, ?5)
                ON CONFLICT (day, model_version) DO UPDATE SET
                    assessments = m.assessments + 1,
                    score_sum = m.score_sum + EXCLUDED.score_sum,
                    bands = jsonb_set(m.bands, ARRAY[CAST(?4 AS text)],
                        to_jsonb(COALESCE((m.bands ->> CAST(?4 AS text))::bigint, 0) + 1)),
                    histogram[?6] = m.histogram[?6] + 1,
                    first_at = LEAST(m.first_at, EXCLUDED.first_at),
                    last_at = GREATEST(m.last_at, EXCLUDED.last_at)
                """)
                .setParameter(1, Date.valueOf(e.featuresAsOf().atZone(ZoneOffset.UTC).toLocalDate()))
                .setParameter(2, e.modelVersion())
                .setParameter(3, e.score().value())
                .setParameter(4, e.band().name())
                .setParameter(5, Timestamp.from(e.assessedAt()))
                .setParameter(6, bucketOf(e.score().value()) + 1) // SQL arrays count from 1
                .executeUpdate();
    }

    @ResetHandler
    void reset() {
        entityManager.createNativeQuery("TRUNCATE model_monitoring_day").executeUpdate();
    }

    /** The last {@code days} days that have assessments (counting back from the newest), and every version's totals. */
    @QueryHandler
    ModelMonitoringView handle(FindModelMonitoringQuery q) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT day, model_version, assessments, score_sum, bands::text, histogram, first_at, last_at
                FROM model_monitoring_day
                WHERE day > (SELECT max(day) FROM model_monitoring_day) - ?1
                ORDER BY day, model_version
                """).setParameter(1, q.days()).getResultList();
        List<ModelMonitoringView.Day> days = new ArrayList<>();
        for (Object[] r : rows) {
            long assessments = ((Number) r[2]).longValue();
            days.add(new ModelMonitoringView.Day(SqlValues.localDate(r[0]), (String) r[1], assessments,
                    assessments == 0 ? 0 : ((Number) r[3]).doubleValue() / assessments, bands((String) r[4]),
                    histogram(r[5])));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> versions = entityManager.createNativeQuery("""
                SELECT model_version, sum(assessments), min(first_at), max(last_at)
                FROM model_monitoring_day GROUP BY model_version ORDER BY min(first_at)
                """).getResultList();
        return new ModelMonitoringView(days, versions.stream().map(v -> new ModelMonitoringView.Version(
                (String) v[0], ((Number) v[1]).longValue(), SqlValues.instant(v[2]), SqlValues.instant(v[3])))
                .toList());
    }

    private static Map<RiskBand, Long> bands(String json) {
        try {
            Map<String, Long> counts = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() { });
            Map<RiskBand, Long> bands = new EnumMap<>(RiskBand.class);
            counts.forEach((band, n) -> bands.put(RiskBand.valueOf(band), n));
            return bands;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable band counts " + json, e);
        }
    }

    private static long[] histogram(Object value) {
        try {
            Object array = value instanceof Array sql ? sql.getArray() : value;
            if (array instanceof Long[] boxed) {
                long[] counts = new long[boxed.length];
                for (int i = 0; i < boxed.length; i++) {
                    counts[i] = boxed[i];
                }
                return counts;
            }
            return (long[]) array;
        } catch (SQLException e) {
            throw new IllegalStateException("unreadable histogram", e);
        }
    }


}
