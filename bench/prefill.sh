#!/usr/bin/env bash
# Issue 16, "cost flat in the size of the usage log": fills a migrated, empty Switchboard database with N usage records
# shaped like the ones the gateway writes (random UUID ids, UUID users and gateway keys, `req_` + 32 hex request ids,
# the environment key's name or a pool key's UUID as the credential), spread evenly over the last 89 days (inside the
# 90-day retention, so the pruner deletes none of them during a bench), and builds their rollups as the usage writer
# would have in UTC (hours per provider, model and credential; days per caller too; months from days). 200 users on two
# of eight models each, 20 of them API clients, 2 % upstream errors. The secondary indexes are dropped for the fill and
# rebuilt after it, as they would be after a restore. bench/run.sh calls it for BENCH_PREFILL=N; by hand:
#
#   bash bench/prefill.sh sqlite DATA_DIR/switchboard.db N      # the database must be migrated (the gateway started once)
#   bash bench/prefill.sh sqlite-size DATA_DIR/switchboard.db   # bytes per stored record (after a checkpoint)
#   bash bench/prefill.sh postgres SCHEMA N                     # the .ci/services PostgreSQL (PGHOST, PGUSER, ... )
#   bash bench/prefill.sh postgres-size SCHEMA
#
# Both fills are one statement of a fixed size (a recursive CTE on SQLite, generate_series on PostgreSQL): bounded.
# 10M records take minutes (SQLite about 3 GB, PostgreSQL about 4 GB with indexes): run it nice'd on a shared machine.
set -euo pipefail

export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-switchboard} PGPASSWORD=${PGPASSWORD:-switchboard} PGDATABASE=${PGDATABASE:-switchboard_test}
PSQL="psql -v ON_ERROR_STOP=1 -q -X"
HERE=$(cd "$(dirname "$0")" && pwd)
SPAN_DAYS=89

# The eight models (index m = 0..7): provider, model, and the credential it is served with (env key name or pool key)
MODELS="(0, 'openai', 'gpt-4o-mini', 'env', 'OPENAI_API_KEY'), (1, 'openai', 'gpt-4o', 'pool', 'c0a80101-7d1e-4a51-9b1e-000000000001'),
  (2, 'openai', 'gpt-4.1-mini', 'pool', 'c0a80101-7d1e-4a51-9b1e-000000000002'), (3, 'anthropic', 'claude-haiku-4-5', 'env', 'ANTHROPIC_API_KEY'),
  (4, 'anthropic', 'claude-sonnet-4-5', 'pool', 'c0a80101-7d1e-4a51-9b1e-000000000004'), (5, 'google', 'gemini-2.5-flash', 'env', 'GOOGLE_API_KEY'),
  (6, 'groq', 'llama-3.1-8b-instant', 'env', 'GROQ_API_KEY'), (7, 'groq', 'llama-3.3-70b-versatile', 'pool', 'c0a80101-7d1e-4a51-9b1e-000000000007')"

sqlite_fill() { # DB N
  local db=$1 n=$2 now
  now=$(date +%s%3N)
  local indexes
  indexes=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records' AND sql IS NOT NULL")
  sqlite3 "$db" <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
$(sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records' AND sql IS NOT NULL")
BEGIN;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n),
  models(m, provider, model, kind, credential) AS (VALUES $MODELS)
INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model, credential_kind,
    credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens, cost_nano_usd, latency_ms,
    error_type, request_id, client_id, credits_nano_usd, cache_write_tokens, template_id, template_version)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       $now - $SPAN_DAYS * 86400000 + (i * ($SPAN_DAYS * 86400000 - 60000) / $n), 'chat.completions',
       printf('%08x-5b3e-4c1a-9f00-%012x', 1530000000 + i % 200, i % 200), printf('%08x-6c4f-4d2b-8e11-%012x', 1640000000 + i % 200, i % 200),
       provider, model, model, kind, credential,
       CASE WHEN i % 50 = 0 THEN 'error' ELSE 'ok' END, CASE WHEN i % 50 = 0 THEN 502 ELSE 200 END, i % 3 = 0,
       CASE WHEN i % 50 = 0 THEN 0 ELSE 100 + i % 900 END, CASE WHEN i % 50 = 0 THEN 0 ELSE 20 + i % 300 END, 0,
       CASE WHEN i % 50 = 0 THEN 0 ELSE 1000 + (i * 7919) % 5000000 END, 150 + (i * 31) % 2000,
       CASE WHEN i % 50 = 0 THEN 'upstream_error' END, 'req_' || lower(hex(randomblob(16))),
       CASE WHEN i % 200 < 20 THEN printf('%08x-7d50-4e3c-9d22-%012x', 1750000000 + i % 10, i % 10) END, 0, 0, NULL, NULL
FROM (SELECT i, hex(randomblob(16)) AS h, ((i % 200) + (i / 7) % 2) % 8 AS pick FROM s) JOIN models ON m = pick;
$indexes
INSERT INTO usage_rollups
SELECT 'h', created_at / 3600000 * 3600000, '', '', '', provider_id, model, credential_kind, COALESCE(credential_id, ''), COUNT(*),
       SUM(status = 'ok'), SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(cost_nano_usd), MAX(created_at)
FROM usage_records GROUP BY 2, 6, 7, 8, 9;
INSERT INTO usage_rollups
SELECT 'd', created_at / 86400000 * 86400000, COALESCE(user_id, ''), COALESCE(gateway_key_id, ''), COALESCE(client_id, ''), provider_id,
       model, credential_kind, COALESCE(credential_id, ''), COUNT(*), SUM(status = 'ok'), SUM(input_tokens), SUM(output_tokens),
       SUM(cached_tokens), SUM(cost_nano_usd), MAX(created_at)
FROM usage_records GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO usage_rollups
SELECT 'm', CAST(strftime('%s', bucket / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000, user_id, gateway_key_id, client_id,
       provider_id, model, credential_kind, credential_id, SUM(requests), SUM(successful_requests), SUM(input_tokens),
       SUM(output_tokens), SUM(cached_tokens), SUM(cost_nano_usd), MAX(last_at)
FROM usage_rollups WHERE grain = 'd' GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
COMMIT;
PRAGMA journal_mode = WAL;
SQL
}

sqlite_size() { # DB -> one line: rows, file bytes, bytes per record, and the split of the pages (table, its indexes, rollups)
  local db=$1
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  sqlite3 "$db" "
    WITH rows(n) AS (SELECT COUNT(*) FROM usage_records),
      pages AS (SELECT CASE WHEN name = 'usage_records' THEN 'table'
                            WHEN name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'usage_records' AND type = 'index') THEN 'indexes'
                            WHEN name = 'usage_rollups' OR name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'usage_rollups') THEN 'rollups'
                            ELSE 'other' END AS part, SUM(pgsize) AS bytes FROM dbstat GROUP BY 1)
    SELECT printf('SQLite, %d usage records: file %d MB = %.1f bytes per record (usage_records %.1f, its indexes %.1f, rollups %.1f, the rest %.1f)',
      n, (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) / 1048576,
      (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) * 1.0 / n,
      (SELECT bytes FROM pages WHERE part = 'table') * 1.0 / n, (SELECT bytes FROM pages WHERE part = 'indexes') * 1.0 / n,
      (SELECT bytes FROM pages WHERE part = 'rollups') * 1.0 / n, COALESCE((SELECT bytes FROM pages WHERE part = 'other'), 0) * 1.0 / n)
    FROM rows"
}

postgres_fill() { # SCHEMA N
  $PSQL -v schema="$1" -v n="$2" -v span_days=$SPAN_DAYS <<SQL
SET search_path TO :schema;
CREATE TEMP TABLE models (m int, provider text, model text, kind text, credential text);
INSERT INTO models VALUES $MODELS;
CREATE TEMP TABLE saved_indexes AS
  SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :'schema' AND tablename = 'usage_records' AND indexname <> 'usage_records_pkey';
DO \$\$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP; END \$\$;
ALTER TABLE usage_records DROP CONSTRAINT usage_records_pkey;
INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model, credential_kind,
    credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens, cost_nano_usd, latency_ms,
    error_type, request_id, client_id, credits_nano_usd, cache_write_tokens, template_id, template_version)
SELECT gen_random_uuid()::text, t0 + (i * span / :n), 'chat.completions',
       lpad(to_hex(1530000000 + i % 200), 8, '0') || '-5b3e-4c1a-9f00-' || lpad(to_hex(i % 200), 12, '0'),
       lpad(to_hex(1640000000 + i % 200), 8, '0') || '-6c4f-4d2b-8e11-' || lpad(to_hex(i % 200), 12, '0'),
       provider, model, model, kind, credential,
       CASE WHEN i % 50 = 0 THEN 'error' ELSE 'ok' END, CASE WHEN i % 50 = 0 THEN 502 ELSE 200 END, i % 3 = 0,
       CASE WHEN i % 50 = 0 THEN 0 ELSE 100 + i % 900 END, CASE WHEN i % 50 = 0 THEN 0 ELSE 20 + i % 300 END, 0,
       CASE WHEN i % 50 = 0 THEN 0 ELSE 1000 + (i * 7919) % 5000000 END, 150 + (i * 31) % 2000,
       CASE WHEN i % 50 = 0 THEN 'upstream_error' END, 'req_' || replace(gen_random_uuid()::text, '-', ''),
       CASE WHEN i % 200 < 20 THEN lpad(to_hex(1750000000 + i % 10), 8, '0') || '-7d50-4e3c-9d22-' || lpad(to_hex(i % 10), 12, '0') END,
       0, 0, NULL, NULL
FROM (SELECT (extract(epoch FROM now()) * 1000)::bigint - :span_days::bigint * 86400000 AS t0,
             :span_days::bigint * 86400000 - 60000 AS span) AS w,
     generate_series(1::bigint, :n) AS i
JOIN models ON m = ((i % 200) + (i / 7) % 2) % 8;
ALTER TABLE usage_records ADD PRIMARY KEY (id);
DO \$\$ DECLARE r record; BEGIN FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP; END \$\$;
\\i $HERE/postgres-rollups.sql
SQL
}

postgres_size() { # SCHEMA -> one line, like sqlite_size
  $PSQL -At -v schema="$1" <<'SQL'
SET search_path TO :schema;
SELECT format('PostgreSQL, %s usage records: %s MB = %s bytes per record (heap %s, indexes %s, rollups %s)', n,
  pg_total_relation_size('usage_records') / 1048576, round(pg_total_relation_size('usage_records')::numeric / n, 1),
  round(pg_relation_size('usage_records')::numeric / n, 1), round(pg_indexes_size('usage_records')::numeric / n, 1),
  round(pg_total_relation_size('usage_rollups')::numeric / n, 1))
FROM (SELECT GREATEST(COUNT(*), 1) AS n FROM usage_records) AS c;
SQL
}

case "${1:-}" in
  sqlite) [ $# -eq 3 ] || { echo "usage: bench/prefill.sh sqlite DB N" >&2; exit 2; }; sqlite_fill "$2" "$3" ;;
  sqlite-size) sqlite_size "$2" ;;
  postgres) [ $# -eq 3 ] || { echo "usage: bench/prefill.sh postgres SCHEMA N" >&2; exit 2; }; postgres_fill "$2" "$3" ;;
  postgres-size) postgres_size "$2" ;;
  *) echo "usage: bench/prefill.sh sqlite DB N | sqlite-size DB | postgres SCHEMA N | postgres-size SCHEMA" >&2; exit 2 ;;
esac
