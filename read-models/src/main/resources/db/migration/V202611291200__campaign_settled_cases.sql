-- Campaign results count a case only once its outcome window has closed (settles_at): a case retained on day 2 of
-- a 14-day window would otherwise count before the cases of the same week that will expire, and every rate would
-- read high while windows are open (RetentionOutcomeRecordedEvent.settlesAt). The cases counted before this have no
-- settles_at, so the projection is rebuilt
-- from the events: its rows are emptied and its token removed, and it replays the event store on the next start
-- (a batch an older instance is still counting rolls back with its token update).
ALTER TABLE campaign_case
    ADD COLUMN settles_at  TIMESTAMPTZ,
    ADD COLUMN retained    BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN cost        NUMERIC(14, 2) NOT NULL DEFAULT 0;

CREATE INDEX campaign_case_rule ON campaign_case (rule_id);

TRUNCATE campaign_arm, campaign_case;
DELETE FROM tokenentry WHERE processorname = 'campaign-results';
