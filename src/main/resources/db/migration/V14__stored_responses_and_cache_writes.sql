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

-- Prompt-cache writes (issue 15): Anthropic bills input written to its cache above the input price, 1.25 times it for
-- the default five-minute cache and twice it for an hour's (cache_control.ttl "1h"); usage records count those tokens
-- apart, as they count cache reads (cached_tokens).
ALTER TABLE models ADD COLUMN cache_write_price BIGINT;
ALTER TABLE models ADD COLUMN cache_write_1h_price BIGINT;
UPDATE models SET cache_write_price = input_price + input_price / 4, cache_write_1h_price = input_price * 2 WHERE provider_id = 'anthropic';
ALTER TABLE usage_records ADD COLUMN cache_write_tokens BIGINT NOT NULL DEFAULT 0;
