-- Budgets (issue 10). The credits a member-mode call cost (its cost times the provider's credit multiplier), debited
-- with the call's one usage record: a balance is the credits granted minus these, so a debit happens exactly once.
ALTER TABLE usage_records ADD COLUMN credits_nano_usd BIGINT NOT NULL DEFAULT 0;
CREATE INDEX usage_records_gateway_key_time ON usage_records (gateway_key_id, created_at);

-- The organisation's limits and terms as an admin set them at run time (one row; the SWITCHBOARD_* settings apply at start).
CREATE TABLE organisation_terms (
    id                   INTEGER      PRIMARY KEY,
    daily_limit_nano     BIGINT,
    monthly_limit_nano   BIGINT,
    require_subscription BOOLEAN      NOT NULL,
    require_credits      BOOLEAN      NOT NULL,
    new_user_trial_days  INTEGER      NOT NULL,
    updated_at           BIGINT       NOT NULL
);

-- Shared budget counters when several instances run on PostgreSQL without Redis (or Redis went away): one row per
-- budget and period, reserved and spent in nano-USD, changed only by conditional updates; each reservation is a row
-- too, naming its instance, so that the reservations of an instance that stopped beating are released by the others.
CREATE TABLE budget_counters (
    counter_key   VARCHAR(200) PRIMARY KEY,
    spent_nano    BIGINT       NOT NULL,
    reserved_nano BIGINT       NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE budget_reservations (
    id            VARCHAR(64)  NOT NULL,
    counter_key   VARCHAR(200) NOT NULL,
    instance_id   VARCHAR(64)  NOT NULL,
    amount_nano   BIGINT       NOT NULL,
    deadline      BIGINT       NOT NULL,
    PRIMARY KEY (id, counter_key)
);
CREATE INDEX budget_reservations_instance ON budget_reservations (instance_id);

CREATE TABLE budget_instances (
    id      VARCHAR(64) PRIMARY KEY,
    seen_at BIGINT      NOT NULL
);
