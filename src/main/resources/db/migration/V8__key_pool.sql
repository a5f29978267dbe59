-- The admin key pool: many provider keys, each sealed and bound to its row like users' keys, with spending limits in
-- integer nano-USD (null: no limit), an expiry, a priority, one default per provider, and an administrator's switch.
-- Spending is not stored here: it is derived from usage_records (credential_kind 'pool', credential_id = the key).
CREATE TABLE provider_keys (
    id                 VARCHAR(64)  PRIMARY KEY,
    provider_id        VARCHAR(64)  NOT NULL REFERENCES providers (id),
    name               VARCHAR(100) NOT NULL,
    description        VARCHAR(500),
    sealed_key         TEXT         NOT NULL,
    key_masked         VARCHAR(40)  NOT NULL,
    base_url           VARCHAR(500),
    daily_limit_nano   BIGINT,
    monthly_limit_nano BIGINT,
    total_limit_nano   BIGINT,
    expires_at         BIGINT,
    priority           INTEGER      NOT NULL DEFAULT 0,
    is_default         BOOLEAN      NOT NULL DEFAULT FALSE,
    enabled            BOOLEAN      NOT NULL DEFAULT TRUE,
    invalid_since      BIGINT,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    UNIQUE (provider_id, name)
);

CREATE INDEX usage_records_credential ON usage_records (credential_id, created_at);
