-- Feature state per customer, kept by the customer-features processor; the scorer claims due rows from here.
CREATE TABLE customer_features (
    customer_id      VARCHAR(64) PRIMARY KEY,
    history          JSONB       NOT NULL,
    newest_event_at  TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    -- set when something meaningful happened (debounced) or the last assessment aged; cleared when scored
    score_due_at     TIMESTAMPTZ,
    last_assessed_at TIMESTAMPTZ,
    last_score       DOUBLE PRECISION,
    last_band        VARCHAR(16),
    last_model       VARCHAR(64)
);
CREATE INDEX customer_features_due ON customer_features (score_due_at) WHERE score_due_at IS NOT NULL;
CREATE INDEX customer_features_assessed ON customer_features (last_assessed_at);

-- The model registry: every version ever published, the one promoted, and who did what when.
CREATE TABLE risk_model (
    version      VARCHAR(64) PRIMARY KEY,
    manifest     JSONB       NOT NULL,
    onnx         BYTEA       NOT NULL,
    trees        BYTEA       NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    promoted     BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX risk_model_one_promoted ON risk_model (promoted) WHERE promoted;

CREATE TABLE risk_model_change (
    id      BIGSERIAL PRIMARY KEY,
    version VARCHAR(64) NOT NULL REFERENCES risk_model (version),
    action  VARCHAR(16) NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    reason  VARCHAR(500)
);
