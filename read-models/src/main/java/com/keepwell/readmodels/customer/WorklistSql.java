package com.keepwell.readmodels.customer;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.api.FindWorklistQuery;

/**
 * The worklist as one SQL statement over {@code customer_summary}: filters, then a keyset page over (risk score or
 * value at risk, customer id), each with its index, so page 1,000 costs what page 1 does and rows inserted meanwhile neither repeat nor vanish. The query
 * handler runs it; the query benchmark ({@code infra/benchmarks/query-benchmark}) runs the very same statement.
 *
 * @param sql  the statement, with JDBC {@code ?} parameters
 * @param args the parameters in order
 */
public record WorklistSql(String sql, List<Object> args) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Columns in order: id, country, tier, score, band, reason texts (JSON array), assessed at, orders, open tickets,
     * last activity, features as of, historical, value at risk.
     */
    public static WorklistSql of(FindWorklistQuery q) {
        StringBuilder sql = new StringBuilder("SELECT customer_id, country, tier, risk_score, risk_band,"
                + " jsonb_path_query_array(COALESCE(risk_reasons, '[]'::jsonb), '$[*].text')::text, risk_assessed_at,"
                + " orders, open_tickets, last_activity_at, risk_features_as_of, risk_historical, value_at_risk FROM customer_summary"
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
        String key = q.sort() == FindWorklistQuery.Sort.VALUE_AT_RISK ? "value_at_risk" : "risk_score";
        if (q.after() != null) {
            sql.append(" AND (").append(key).append(q.ascending() ? " > ?" : " < ?").append(" OR (").append(key)
                    .append(" = ? AND customer_id > ?))");
            Object position = q.sort() == FindWorklistQuery.Sort.VALUE_AT_RISK ? BigDecimal.valueOf(q.after().key())
                    : q.after().key();
            args.add(position);
            args.add(position);
            args.add(q.after().customerId());
        }
        sql.append(" ORDER BY ").append(key).append(q.ascending() ? " ASC" : " DESC").append(", customer_id ASC LIMIT ?");
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
