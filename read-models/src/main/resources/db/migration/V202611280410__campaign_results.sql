-- Campaign results: per rule, risk band and arm, what happened to retention cases (RetentionGroupAssignedEvent,
-- OfferDispatched/RejectedEvent, RetentionOutcomeRecordedEvent). campaign_case maps a case to its rule, band and
-- arm for the offer events, which carry only the case.
CREATE TABLE campaign_case (
    case_id VARCHAR(160) NOT NULL PRIMARY KEY,
    rule_id VARCHAR(64)  NOT NULL,
    band    VARCHAR(16)  NOT NULL,
    arm     VARCHAR(16)  NOT NULL
);

CREATE TABLE campaign_arm (
    rule_id        VARCHAR(64) NOT NULL,
    band           VARCHAR(16) NOT NULL,
    arm            VARCHAR(16) NOT NULL,
    assigned       BIGINT NOT NULL DEFAULT 0,
    offers_sent    BIGINT NOT NULL DEFAULT 0,
    offers_refused BIGINT NOT NULL DEFAULT 0,
    ended          BIGINT NOT NULL DEFAULT 0,
    retained       BIGINT NOT NULL DEFAULT 0,
    redeemed       BIGINT NOT NULL DEFAULT 0,
    cost           NUMERIC(14, 2) NOT NULL DEFAULT 0,
    currency       VARCHAR(3),
    PRIMARY KEY (rule_id, band, arm)
);
