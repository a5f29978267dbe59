-- When a user's password last changed: access tokens issued before it stop working (epoch millis; null: never changed).
ALTER TABLE users ADD COLUMN credentials_changed_at BIGINT;
