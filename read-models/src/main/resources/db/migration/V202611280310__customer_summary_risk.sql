-- The customer's latest churn-risk assessment, from RiskAssessedEvent.
ALTER TABLE customer_summary
    ADD COLUMN risk_score          DOUBLE PRECISION,
    ADD COLUMN risk_band           VARCHAR(16),
    ADD COLUMN risk_reasons        JSONB,
    ADD COLUMN risk_model          VARCHAR(64),
    ADD COLUMN risk_features_as_of TIMESTAMPTZ,
    ADD COLUMN risk_assessed_at    TIMESTAMPTZ;
CREATE INDEX customer_summary_risk_band ON customer_summary (risk_band, risk_score DESC);
