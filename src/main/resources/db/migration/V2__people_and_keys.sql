-- People and their keys: user settings (member vs BYOK), users' own provider keys (AEAD-sealed, bound to their
-- row id), the credits ledger, server secrets sealed with the master key, and the per-provider permission to let
-- X-BYOK-Base-URL point at a private or loopback address.

CREATE TABLE user_settings (
    user_id             VARCHAR(64)  PRIMARY KEY REFERENCES users (id),
    username            VARCHAR(100),
    first_name          VARCHAR(100),
    last_name           VARCHAR(100),
    email_notifications BOOLEAN      NOT NULL,
    marketing_emails    BOOLEAN      NOT NULL,
    llm_mode            VARCHAR(16)  NOT NULL,
    byok_provider       VARCHAR(64),
    updated_at          BIGINT       NOT NULL
);

CREATE TABLE user_provider_keys (
    id          VARCHAR(64)  PRIMARY KEY,
    user_id     VARCHAR(64)  NOT NULL REFERENCES users (id),
    provider_id VARCHAR(64)  NOT NULL REFERENCES providers (id),
    sealed_key  TEXT         NOT NULL,
    key_tail    VARCHAR(8)   NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    UNIQUE (user_id, provider_id)
);

CREATE TABLE credit_grants (
    id             VARCHAR(64)  PRIMARY KEY,
    user_id        VARCHAR(64)  NOT NULL REFERENCES users (id),
    amount_nano_usd BIGINT      NOT NULL,
    granted_by     VARCHAR(64),
    note           VARCHAR(500),
    created_at     BIGINT       NOT NULL
);
CREATE INDEX credit_grants_user ON credit_grants (user_id, created_at);

CREATE TABLE server_secrets (
    name       VARCHAR(64) PRIMARY KEY,
    sealed     TEXT        NOT NULL,
    created_at BIGINT      NOT NULL
);

ALTER TABLE providers ADD COLUMN self_hosted_allowed BOOLEAN NOT NULL DEFAULT FALSE;
