-- Whether the last recorded assessment described replayed history (features as of a time well before it was made):
-- the sweep scores such customers again once the replay is over, and that first score of the present is recorded.
ALTER TABLE customer_features ADD COLUMN last_recorded_historical BOOLEAN NOT NULL DEFAULT false;
