-- Risk history keeps the assessments recorded in the last keepwell.read-models.risk-history.keep-for; the purge
-- finds the older ones by their recording time.
CREATE INDEX risk_history_age ON risk_history (assessed_at);
