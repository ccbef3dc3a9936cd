-- Cases whose rule the retention service drew at random to keep learning (RetentionGroupAssignedEvent.exploring),
-- counted per rule, band and arm. Cases assigned before it existed were all chosen by value.
ALTER TABLE campaign_arm
    ADD COLUMN exploring BIGINT NOT NULL DEFAULT 0;
