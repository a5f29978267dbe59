-- The Responses API's stored responses (issue 15): kept per owner until expires_at (SWITCHBOARD_RESPONSES_RETENTION),
-- so that previous_response_id can continue a conversation on any provider. input_items holds only the items sent with
-- that request (a JSON array); the conversation before it is reached through previous_response_id.
CREATE TABLE stored_responses (
    id                   VARCHAR(100) PRIMARY KEY,
    owner_id             VARCHAR(64)  NOT NULL,
    previous_response_id VARCHAR(100),
    input_items          TEXT         NOT NULL,
    response             TEXT         NOT NULL,
    created_at           BIGINT       NOT NULL,
    expires_at           BIGINT       NOT NULL
);

CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
