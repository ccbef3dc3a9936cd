-- Page and product views wait here until their session is condensed into one SessionRecordedEvent.
CREATE TABLE clickstream_view (
    event_id     VARCHAR(128) PRIMARY KEY,
    customer_id  VARCHAR(64)  NOT NULL,
    session_id   VARCHAR(128) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    product_id   VARCHAR(128),
    category     VARCHAR(256),
    ends_session BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX clickstream_view_session ON clickstream_view (customer_id, session_id);
