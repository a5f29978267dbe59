-- The API client a call came from (issue 10): usage records name it, reports group by it.
ALTER TABLE usage_records ADD COLUMN client_id VARCHAR(64);
CREATE INDEX usage_records_client_time ON usage_records (client_id, created_at);
