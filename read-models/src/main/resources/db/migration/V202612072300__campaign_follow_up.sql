-- Orders after a retention case's window (OrderedAfterRetentionWindowEvent): campaign results compare treated and
-- holdout on them too, over the cases whose follow-up has ended. Cases recorded before have no follow-up (null).
ALTER TABLE campaign_case
    ADD COLUMN follow_up_ends TIMESTAMP WITH TIME ZONE,
    ADD COLUMN ordered_after_window BOOLEAN NOT NULL DEFAULT false;
