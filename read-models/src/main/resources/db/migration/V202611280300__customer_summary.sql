-- Customer summary read model: one row per customer, rebuilt from the event store by replaying
-- the customer-summary processor (reset its token and truncate this table).
CREATE TABLE customer_summary (
    customer_id       VARCHAR(64) PRIMARY KEY,
    registered        BOOLEAN     NOT NULL DEFAULT FALSE,
    account_closed    BOOLEAN     NOT NULL DEFAULT FALSE,
    country           VARCHAR(2),
    orders            INTEGER     NOT NULL DEFAULT 0,
    cancelled_orders  INTEGER     NOT NULL DEFAULT 0,
    net_revenue       JSONB       NOT NULL DEFAULT '{}'::jsonb,
    sessions          INTEGER     NOT NULL DEFAULT 0,
    reviews           INTEGER     NOT NULL DEFAULT 0,
    open_tickets      INTEGER     NOT NULL DEFAULT 0,
    first_seen_at     TIMESTAMPTZ,
    last_activity_at  TIMESTAMPTZ,
    marketing_consent JSONB       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX customer_summary_last_activity ON customer_summary (last_activity_at);
