-- The customer's retention offers: how many, the open one, and how the last retention case ended.
ALTER TABLE customer_summary
    ADD COLUMN offers_received          INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN open_offer_id            VARCHAR(160),
    ADD COLUMN open_offer_rule          VARCHAR(64),
    ADD COLUMN open_offer_incentive     VARCHAR(32),
    ADD COLUMN open_offer_channel       VARCHAR(16),
    ADD COLUMN open_offer_coupon        VARCHAR(64),
    ADD COLUMN open_offer_dispatched_at TIMESTAMPTZ,
    ADD COLUMN open_offer_valid_until   TIMESTAMPTZ,
    ADD COLUMN last_retention_outcome   VARCHAR(32);
