-- Value at risk, for the agents' worklist order "what a loss would cost most": the churn score times a year's
-- value if kept, i.e. lifetime net revenue per day of tenure (at least 30 days counted) times 365, tenure as of the
-- assessment's features. The same definition as the retention service's customer value (CustomerValue.yearIfKept).
-- A generated column, so it can never disagree with the score, the revenue or the first-seen time it comes from;
-- unbounded NUMERIC (rounded to cents), since up to twelve times a NUMERIC(14, 2) lifetime value must never overflow
-- and stop the projection.
ALTER TABLE customer_summary
    ADD COLUMN value_at_risk NUMERIC GENERATED ALWAYS AS (
        ROUND(CAST(risk_score AS NUMERIC) * lifetime_value * 365
              / GREATEST(30, FLOOR(EXTRACT(EPOCH FROM (COALESCE(risk_features_as_of, risk_assessed_at) - first_seen_at))
                                   / 86400)), 2)) STORED;
CREATE INDEX customer_summary_worklist_value ON customer_summary (value_at_risk DESC, customer_id)
    WHERE risk_band IS NOT NULL AND NOT account_closed;
