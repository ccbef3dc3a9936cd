-- The at-risk worklist: risk order over open accounts with an assessment (keyset paging on score, id), and
-- reason-code filters by JSON containment.
CREATE INDEX customer_summary_worklist ON customer_summary (risk_score DESC, customer_id)
    WHERE risk_band IS NOT NULL AND NOT account_closed;
CREATE INDEX customer_summary_risk_reasons ON customer_summary USING gin (risk_reasons jsonb_path_ops);
