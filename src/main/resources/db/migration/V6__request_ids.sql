-- The x-request-id of the call (the caller's own when it sent one), so that a client's report can be matched to its record.
ALTER TABLE usage_records ADD COLUMN request_id VARCHAR(128);
