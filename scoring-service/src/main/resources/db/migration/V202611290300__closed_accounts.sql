-- Closed accounts are not scored: the processor keeps this flag, the scorer and the sweep pass such rows over.
ALTER TABLE customer_features ADD COLUMN account_closed BOOLEAN NOT NULL DEFAULT FALSE;

-- Rows written before the flag: closed when the history holds a closure (a reopening is seen with its next event).
UPDATE customer_features SET account_closed = TRUE, score_due_at = NULL
WHERE (history ->> 'closedAt')::BIGINT < 9223372036854775807;
