-- Customer 360: the profile an agent needs on the phone, lifetime value and tier (worklist filter).
ALTER TABLE customer_summary
    ADD COLUMN full_name      VARCHAR(256),
    ADD COLUMN email          VARCHAR(256),
    ADD COLUMN language       VARCHAR(16),
    ADD COLUMN time_zone      VARCHAR(64),
    ADD COLUMN lifetime_value NUMERIC(14, 2) NOT NULL DEFAULT 0,
    ADD COLUMN tier           VARCHAR(16) NOT NULL DEFAULT 'BRONZE';

-- Activity timeline, newest first per customer (keyset paging on occurred_at, id). Sessions of one UTC day share
-- one row (day_key), the others have none.
CREATE TABLE customer_timeline (
    id          BIGSERIAL    PRIMARY KEY,
    customer_id VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    title       VARCHAR(512) NOT NULL,
    detail      TEXT,
    day_key     DATE,
    sessions    INTEGER      NOT NULL DEFAULT 0,
    page_views  INTEGER      NOT NULL DEFAULT 0,
    product_views INTEGER    NOT NULL DEFAULT 0
);
CREATE INDEX customer_timeline_page ON customer_timeline (customer_id, occurred_at DESC, id DESC);
CREATE UNIQUE INDEX customer_timeline_sessions_day ON customer_timeline (customer_id, day_key)
    WHERE day_key IS NOT NULL;

-- Risk over time: every assessment, with the reasons given then.
CREATE TABLE risk_history (
    assessment_id  VARCHAR(160) PRIMARY KEY,
    customer_id    VARCHAR(64)  NOT NULL,
    features_as_of TIMESTAMPTZ  NOT NULL,
    assessed_at    TIMESTAMPTZ  NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    band           VARCHAR(16)  NOT NULL,
    model_version  VARCHAR(128) NOT NULL,
    reasons        JSONB        NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX risk_history_customer ON risk_history (customer_id, features_as_of DESC);

-- Offer history: each offer sent, its last channel report and how its case ended.
CREATE TABLE offer_history (
    offer_id          VARCHAR(160) PRIMARY KEY,
    case_id           VARCHAR(160) NOT NULL,
    customer_id       VARCHAR(64)  NOT NULL,
    rule_id           VARCHAR(64)  NOT NULL,
    rule_version      INTEGER      NOT NULL,
    incentive         JSONB        NOT NULL,
    channel           VARCHAR(16)  NOT NULL,
    message           TEXT,
    coupon_code       VARCHAR(64),
    dispatched_at     TIMESTAMPTZ  NOT NULL,
    valid_until       TIMESTAMPTZ,
    last_feedback     VARCHAR(32),
    last_feedback_at  TIMESTAMPTZ,
    outcome           VARCHAR(32),
    outcome_at        TIMESTAMPTZ,
    cost_amount       NUMERIC(14, 2),
    cost_currency     VARCHAR(3)
);
CREATE INDEX offer_history_customer ON offer_history (customer_id, dispatched_at DESC);

-- Model monitoring: served scores per UTC day and model version, by band and in ten score buckets.
CREATE TABLE model_monitoring_day (
    day           DATE         NOT NULL,
    model_version VARCHAR(128) NOT NULL,
    assessments   BIGINT       NOT NULL DEFAULT 0,
    score_sum     DOUBLE PRECISION NOT NULL DEFAULT 0,
    bands         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    histogram     BIGINT[]     NOT NULL DEFAULT ARRAY[0,0,0,0,0,0,0,0,0,0]::BIGINT[],
    first_at      TIMESTAMPTZ  NOT NULL,
    last_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (day, model_version)
);
