package com.keepwell.readmodels.customer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.FindWorklistQuery;

/**
 * The worklist as one SQL statement over {@code customer_summary}: filters, then a keyset page over (risk score,
 * customer id), so page 1,000 costs what page 1 does and rows inserted meanwhile neither repeat nor vanish. The query
 * handler runs it; the query benchmark ({@code infra/benchmarks/query-benchmark}) runs the very same statement.
 *
 * @param sql  the statement, with JDBC {@code ?} parameters
 * @param args the parameters in order
 */
public record WorklistSql(String sql, List<Object> args) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Columns in order: id, country, tier, score, band, reason texts (JSON array), assessed at, orders, open tickets,
     * last activity, features as of, historical.
     */
    public static WorklistSql of(FindWorklistQuery q) {
        StringBuilder sql = new StringBuilder("SELECT customer_id, country, tier, risk_score, risk_band,"
                + " jsonb_path_query_array(COALESCE(risk_reasons, '[]'::jsonb), '$[*].text')::text, risk_assessed_at,"
                + " orders, open_tickets, last_activity_at, risk_features_as_of, risk_historical FROM customer_summary"
                + " WHERE risk_band IS NOT NULL AND NOT account_closed");
        List<Object> args = new ArrayList<>();
        if (!q.bands().isEmpty()) {
            sql.append(" AND risk_band IN (").append(placeholders(q.bands().size())).append(")");
            q.bands().forEach(b -> args.add(b.name()));
        }
        if (!q.tiers().isEmpty()) {
            sql.append(" AND tier IN (").append(placeholders(q.tiers().size())).append(")");
            q.tiers().forEach(t -> args.add(t.name()));
        }
        if (q.country() != null) {
            sql.append(" AND country = ?");
            args.add(q.country());
        }
        if (q.hasOpenOffer() != null) {
            sql.append(q.hasOpenOffer() ? " AND open_offer_id IS NOT NULL" : " AND open_offer_id IS NULL");
        }
        if (q.reason() != null) {
            sql.append(" AND risk_reasons @> CAST(? AS jsonb)");
            args.add(json(List.of(Map.of("code", q.reason()))));
        }
        if (q.after() != null) {
            sql.append(q.ascending() ? " AND (risk_score > ? OR (risk_score = ? AND customer_id > ?))"
                    : " AND (risk_score < ? OR (risk_score = ? AND customer_id > ?))");
            args.add(q.after().riskScore());
            args.add(q.after().riskScore());
            args.add(q.after().customerId());
        }
        sql.append(" ORDER BY risk_score ").append(q.ascending() ? "ASC" : "DESC").append(", customer_id ASC LIMIT ?");
        // one row more than asked says whether there is a next page
        args.add(q.limit() + 1);
        return new WorklistSql(sql.toString(), List.copyOf(args));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
