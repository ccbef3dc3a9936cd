-- Registrants who have not ordered are not scored (docs/scoring.md, "Who is scored"): the processor keeps this flag,
-- the sweep passes such rows over, and a row is marked due only once the customer has an order that was not cancelled.
ALTER TABLE customer_features ADD COLUMN has_ordered BOOLEAN NOT NULL DEFAULT TRUE;

-- Rows written before the flag: ordered when the history keeps an order never cancelled, or folded older ones in.
UPDATE customer_features SET has_ordered = FALSE, score_due_at = NULL
WHERE coalesce((history ->> 'prunedOrders')::BIGINT, 0) = 0
    AND NOT jsonb_path_exists(history, '$.orders[*] ? (@.cancelledAt == 9223372036854775807)');
