-- The worklist and the customer 360 say when a customer's latest assessment describes imported history (scored as of
-- the time an import had reached) rather than their present. Rows written before this read as the present.
ALTER TABLE customer_summary ADD COLUMN risk_historical BOOLEAN NOT NULL DEFAULT FALSE;
