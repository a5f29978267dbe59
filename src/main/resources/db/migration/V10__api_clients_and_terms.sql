-- Who may spend what (issue 10). API clients (seed 002): applications that call with their own key (stored as its
-- SHA-256 like gateway keys), with rate limits, budgets in integer nano-USD (null: none) and the models they may use
-- (a JSON array of names or aliases; empty: all).
CREATE TABLE api_clients (
    id                  VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL UNIQUE,
    key_hash            VARCHAR(64)  NOT NULL UNIQUE,
    key_tail            VARCHAR(8)   NOT NULL,
    rpm_limit           INTEGER,
    tpm_limit           BIGINT,
    daily_budget_nano   BIGINT,
    monthly_budget_nano BIGINT,
    allowed_models      TEXT         NOT NULL,
    active              BOOLEAN      NOT NULL,
    created_at          BIGINT       NOT NULL,
    updated_at          BIGINT       NOT NULL
);

-- Users' gateway keys gain the same optional limits.
ALTER TABLE gateway_keys ADD COLUMN rpm_limit INTEGER;
ALTER TABLE gateway_keys ADD COLUMN tpm_limit BIGINT;
ALTER TABLE gateway_keys ADD COLUMN daily_budget_nano BIGINT;
ALTER TABLE gateway_keys ADD COLUMN monthly_budget_nano BIGINT;
ALTER TABLE gateway_keys ADD COLUMN allowed_models TEXT;

-- Subscriptions and trials (seed 000): managed keys serve a user with one when SWITCHBOARD_REQUIRE_SUBSCRIPTION is set.
ALTER TABLE users ADD COLUMN has_subscription BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN trial_until BIGINT;
