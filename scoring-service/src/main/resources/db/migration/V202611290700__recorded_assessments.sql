-- A score is recorded as an assessment only when it changed something (AssessmentRecording); the last_* columns
-- now describe the last recorded one, which these two complete. last_assessed_at stays the time of the last score.
ALTER TABLE customer_features ADD COLUMN last_recorded_at TIMESTAMPTZ;
ALTER TABLE customer_features ADD COLUMN last_reasons TEXT;

-- Rows scored before: every score was recorded. Their reason codes are unknown, so their next score is recorded.
UPDATE customer_features SET last_recorded_at = last_assessed_at;
