-- Retention service: marketer offer rules (current + every version), the facts retention rules look at, budgets
-- with atomic reservations, and the observed outcomes per rule, band and arm that offer choice learns from.

CREATE TABLE offer_rule (
    rule_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    version     INTEGER      NOT NULL,
    name        VARCHAR(200) NOT NULL,
    priority    INTEGER      NOT NULL,
    enabled     BOOLEAN      NOT NULL,
    definition  JSONB        NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(200) NOT NULL
);

CREATE TABLE offer_rule_version (
    rule_id     VARCHAR(64)  NOT NULL REFERENCES offer_rule (rule_id),
    version     INTEGER      NOT NULL,
    definition  JSONB        NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by  VARCHAR(200) NOT NULL,
    change_note VARCHAR(500),
    PRIMARY KEY (rule_id, version)
);

CREATE TABLE retention_customer (
    customer_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    country        VARCHAR(8),
    language       VARCHAR(16),
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    order_count    INTEGER NOT NULL DEFAULT 0,
    coupon_orders  INTEGER NOT NULL DEFAULT 0,
    net_revenue    NUMERIC(14, 2) NOT NULL DEFAULT 0,
    last_order_at  TIMESTAMP WITH TIME ZONE,
    last_visit_at  TIMESTAMP WITH TIME ZONE,
    open_tickets   INTEGER NOT NULL DEFAULT 0,
    rating_sum     INTEGER NOT NULL DEFAULT 0,
    rating_count   INTEGER NOT NULL DEFAULT 0,
    consents       JSONB NOT NULL DEFAULT '{}',
    categories     JSONB NOT NULL DEFAULT '{}',
    risk_score     DOUBLE PRECISION,
    risk_band      VARCHAR(16),
    risk_reasons   JSONB NOT NULL DEFAULT '[]',
    closed         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX retention_customer_band ON retention_customer (risk_band);

CREATE TABLE offer_budget (
    rule_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    currency     CHAR(3)        NOT NULL,
    total_limit  NUMERIC(14, 2) NOT NULL,
    daily_limit  NUMERIC(14, 2) NOT NULL,
    spent_total  NUMERIC(14, 2) NOT NULL DEFAULT 0
);

CREATE TABLE offer_budget_day (
    rule_id VARCHAR(64) NOT NULL,
    day     DATE        NOT NULL,
    spent   NUMERIC(14, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (rule_id, day)
);

CREATE TABLE offer_budget_reservation (
    offer_id VARCHAR(128)   NOT NULL PRIMARY KEY,
    rule_id  VARCHAR(64)    NOT NULL,
    day      DATE           NOT NULL,
    amount   NUMERIC(14, 2) NOT NULL,
    state    VARCHAR(16)    NOT NULL,
    reserved_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE retention_arm_stats (
    rule_id   VARCHAR(64) NOT NULL,
    band      VARCHAR(16) NOT NULL,
    arm       VARCHAR(16) NOT NULL,
    cases     INTEGER NOT NULL DEFAULT 0,
    retained  INTEGER NOT NULL DEFAULT 0,
    redeemed  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (rule_id, band, arm)
);

CREATE TABLE retention_outcome_seen (
    case_id VARCHAR(128) NOT NULL PRIMARY KEY
);
