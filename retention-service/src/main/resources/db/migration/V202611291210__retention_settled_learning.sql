-- Offer choice learns from a case once its outcome window has closed, like campaign results: an outcome recorded
-- early (a re-order on day 2 of 14) waits in retention_outcome_seen with settles_at until the window's end, and is
-- counted into retention_arm_stats then. A row with settles_at NULL has been counted (all rows before this did).
ALTER TABLE retention_outcome_seen
    ADD COLUMN rule_id    VARCHAR(64),
    ADD COLUMN band       VARCHAR(16),
    ADD COLUMN arm        VARCHAR(16),
    ADD COLUMN retained   BOOLEAN,
    ADD COLUMN redeemed   BOOLEAN,
    ADD COLUMN settles_at TIMESTAMPTZ;

CREATE INDEX retention_outcome_seen_due ON retention_outcome_seen (settles_at) WHERE settles_at IS NOT NULL;
