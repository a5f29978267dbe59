-- A user's credit alert: the console warns the user on every page once the credits left fall below this amount
-- (nano-USD). No row: no alert.

CREATE TABLE credit_alerts (
    user_id     VARCHAR(64) PRIMARY KEY REFERENCES users (id),
    below_nano  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);
