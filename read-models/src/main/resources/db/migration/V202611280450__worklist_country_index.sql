-- Agents often work one market: the worklist of a small country must not walk the whole risk order to fill a page.
CREATE INDEX customer_summary_worklist_country ON customer_summary (country, risk_score DESC, customer_id)
    WHERE risk_band IS NOT NULL AND NOT account_closed;
