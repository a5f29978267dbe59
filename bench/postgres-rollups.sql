-- The usage rollups of a bulk-filled PostgreSQL usage log, as the usage writer would have made them in UTC: hours (per
-- provider, model and credential only) and days from the records, months from days; then statistics for the planner.
-- Run by bench/prefill.sh and bench/reports.sh (psql, search_path set to the schema) after they fill usage_records.
INSERT INTO usage_rollups
SELECT 'h', created_at / 3600000 * 3600000, '', '', '', provider_id, model, credential_kind, COALESCE(credential_id, ''), COUNT(*),
       SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END), SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(cost_nano_usd),
       MAX(created_at)
FROM usage_records GROUP BY 2, 6, 7, 8, 9;
INSERT INTO usage_rollups
SELECT 'd', created_at / 86400000 * 86400000, COALESCE(user_id, ''), COALESCE(gateway_key_id, ''), COALESCE(client_id, ''), provider_id,
       model, credential_kind, COALESCE(credential_id, ''), COUNT(*), SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END), SUM(input_tokens),
       SUM(output_tokens), SUM(cached_tokens), SUM(cost_nano_usd), MAX(created_at)
FROM usage_records GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO usage_rollups
SELECT 'm', (extract(epoch FROM date_trunc('month', to_timestamp(bucket / 1000) AT TIME ZONE 'UTC')) * 1000)::bigint, user_id,
       gateway_key_id, client_id, provider_id, model, credential_kind, credential_id, SUM(requests), SUM(successful_requests),
       SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(cost_nano_usd), MAX(last_at)
FROM usage_rollups WHERE grain = 'd' GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
VACUUM ANALYZE usage_records;
VACUUM ANALYZE usage_rollups;
