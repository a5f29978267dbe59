#!/usr/bin/env bash
# Issue 10, reports: how fast the usage reports answer over 10 million usage records on PostgreSQL, and how many bytes a
# stored usage record costs. Starts Switchboard on a fresh PostgreSQL schema (Flyway creates the tables), fills it with
# BENCH_RECORDS records (10M by default) spread over the last 90 days with generate_series, builds their rollups in SQL
# (UTC billing zone, the default: hours and days from the records, months from days), checks that the reports' grand total
# equals SUM(cost) over the raw records, then times each report endpoint warm (one warm-up, then BENCH_RUNS runs each;
# prints min / median / max). Bounded: the fill is one INSERT of a fixed size; the schema is dropped at the end
# (BENCH_KEEP=1 keeps it).
#
#   bash bench/reports.sh
#   BENCH_RECORDS=1000000 bash bench/reports.sh     # quicker
#
# Needs: psql, curl, python3, Java 25, and the PostgreSQL of .ci/services (127.0.0.1:5432, switchboard_test).
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=${BENCH_RECORDS:-10000000}
RUNS=${BENCH_RUNS:-7}
PORT=${BENCH_GATEWAY_PORT:-18490}
SCHEMA=${BENCH_SCHEMA:-bench_reports}
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVM_OPTS=${BENCH_JVM_OPTS:--XX:+UseSerialGC -Xms128m -Xmx512m}
KEY=sk-sb-bench-admin-key-0123456789abcdef
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-switchboard} PGPASSWORD=${PGPASSWORD:-switchboard} PGDATABASE=${PGDATABASE:-switchboard_test}
PSQL="psql -v ON_ERROR_STOP=1 -q -X"

work=$(mktemp -d /tmp/switchboard-reports.XXXXXX)
gw_pid=""
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ "${BENCH_KEEP:-0}" = 1 ] || $PSQL -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
}
trap cleanup EXIT

JAR=${BENCH_JAR:-target/switchboard-0.1.0-SNAPSHOT.jar}
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$JAR" ] || [ "${BENCH_BUILD:-1}" = 1 ]; }; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -o package -DskipTests >/dev/null 2>&1 || JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests
fi

$PSQL -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
SWITCHBOARD_DATA_DIR="$work" SERVER_PORT=$PORT SWITCHBOARD_ADMIN_API_KEY=$KEY \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$PGDATABASE?currentSchema=$SCHEMA" \
  SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=$PGPASSWORD \
  SPRING_FLYWAY_SCHEMAS=$SCHEMA SPRING_FLYWAY_DEFAULT_SCHEMA=$SCHEMA \
  "$JAVA_HOME/bin/java" $JVM_OPTS --enable-native-access=ALL-UNNAMED -jar "$JAR" >"$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "gateway did not start"; tail -50 "$work/gateway.log"; exit 1; }

# one real user (index 7 of the 200), whose records my-usage reports
password="bench-password-$RANDOM$RANDOM"
user_id=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@example.test\",\"password\":\"$password\",\"role\":\"user\"}" "http://127.0.0.1:$PORT/api/admin/users" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
token=$(curl -sf --data-urlencode "username=bench@example.test" --data-urlencode "password=$password" \
  "http://127.0.0.1:$PORT/api/login/access-token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

echo "filling $RECORDS usage records and their rollups (indexes rebuilt after the fill)..."
fill_start=$(date +%s)
$PSQL -v schema=$SCHEMA -v n=$RECORDS -v u7="$user_id" <<'SQL'
SET search_path TO :schema;
CREATE TEMP TABLE saved_indexes AS
  SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :'schema' AND tablename = 'usage_records' AND indexname <> 'usage_records_pkey';
DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP; END $$;
ALTER TABLE usage_records DROP CONSTRAINT usage_records_pkey;
-- 200 users (each on two of eight models), one gateway key each, 20 of them API clients; two pool keys per provider
INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model, credential_kind,
    credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens, cost_nano_usd, latency_ms,
    error_type, request_id, client_id)
SELECT 'r-' || i, t0 + (i * span / :n), 'chat.completions',
       CASE WHEN i % 200 = 7 THEN :'u7' ELSE 'user-' || (i % 200) END, 'gk-' || (i % 200),
       (ARRAY['openai','openai','openai','anthropic','anthropic','google','groq','groq'])[1 + m], 
       (ARRAY['gpt-4o-mini','gpt-4o','gpt-4.1-mini','claude-haiku-4-5','claude-sonnet-4-5','gemini-2.5-flash','llama-3.1-8b-instant','llama-3.3-70b-versatile'])[1 + m],
       (ARRAY['gpt-4o-mini','gpt-4o','gpt-4.1-mini','claude-haiku-4-5','claude-sonnet-4-5','gemini-2.5-flash','llama-3.1-8b-instant','llama-3.3-70b-versatile'])[1 + m],
       'pool', 'pk-' || m || '-' || ((i / 13) % 2), CASE WHEN i % 50 = 0 THEN 'error' ELSE 'ok' END, 200, FALSE,
       100 + i % 900, 20 + i % 300, 0, 1000 + (i * 7919) % 5000000, 300, NULL, 'req-' || i,
       CASE WHEN i % 200 < 20 THEN 'client-' || (i % 10) END
FROM (SELECT (extract(epoch FROM now()) * 1000)::bigint - 90::bigint * 86400000 AS t0, 90::bigint * 86400000 - 60000 AS span) AS w,
     generate_series(1::bigint, :n) AS i,
     LATERAL (SELECT ((i % 200) + (i / 7) % 2) % 8 AS m) AS pick;
ALTER TABLE usage_records ADD PRIMARY KEY (id);
DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP; END $$;
-- the rollups, as the writer would have made them in UTC: hours (per provider, model and credential only) and days from the
-- records, months from days
\i bench/postgres-rollups.sql
SQL
echo "fill took $(( $(date +%s) - fill_start )) s"

$PSQL -v schema=$SCHEMA <<'SQL'
SET search_path TO :schema;
\pset footer off
SELECT count(*) AS records, pg_size_pretty(pg_total_relation_size('usage_records')) AS records_size,
       round(pg_total_relation_size('usage_records')::numeric / count(*), 1) AS bytes_per_record,
       round(pg_relation_size('usage_records')::numeric / count(*), 1) AS heap_bytes_per_record FROM usage_records;
SELECT grain, count(*) AS rollup_rows FROM usage_rollups GROUP BY grain ORDER BY grain;
SELECT pg_size_pretty(pg_total_relation_size('usage_rollups')) AS rollups_size,
       round(pg_total_relation_size('usage_rollups')::numeric / (SELECT count(*) FROM usage_records), 1) AS rollup_bytes_per_record;
SQL

raw_total=$($PSQL -At -c "SELECT SUM(cost_nano_usd) FROM $SCHEMA.usage_records")
report_total=$(curl -sf -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/api/admin/billing/usage?days=91&group_by=key" \
  | python3 -c 'import json,sys; from decimal import Decimal; print(int(Decimal(str(json.load(sys.stdin, parse_float=Decimal)["total"]["total_cost_usd"])) * 10**9))')
echo "raw SUM(cost_nano_usd) = $raw_total; report grand total = $report_total nano-USD: $([ "$raw_total" = "$report_total" ] && echo equal || echo DIFFERENT)"

time_path() { # $1 = label, $2 = path, $3 = authorization, $4 = accept (JSON by default)
  local accept=${4:-application/json}
  curl -s -o /dev/null -H "Authorization: Bearer $3" -H "Accept: $accept" "http://127.0.0.1:$PORT$2"  # warm-up
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $3" -H "Accept: $accept" "http://127.0.0.1:$PORT$2")")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin)
print('| $1 | \`$2\` | %.1f | %.1f | %.1f |' % (t[0], statistics.median(t), t[-1]))"
}
echo
echo "| report | path | min ms | median ms | max ms |"
echo "|---|---|---|---|---|"
time_path "by user, 30 days" "/api/admin/billing/usage?days=30&group_by=user" $KEY
time_path "by model, 90 days" "/api/admin/billing/usage?days=90&group_by=model" $KEY
time_path "by key, 90 days" "/api/admin/billing/usage?days=90&group_by=key" $KEY
time_path "by client, 90 days" "/api/admin/billing/usage?days=90&group_by=client" $KEY
time_path "by gateway key, 90 days" "/api/admin/billing/usage?days=90&group_by=gateway_key" $KEY
time_path "by day, 90 days" "/api/admin/billing/usage?days=90&group_by=day" $KEY
time_path "by hour, 7 days" "/api/admin/billing/usage?days=7&group_by=hour" $KEY
time_path "by hour, 30 days" "/api/admin/billing/usage?days=30&group_by=hour" $KEY
time_path "by hour, 90 days" "/api/admin/billing/usage?days=90&group_by=hour" $KEY
time_path "costs per month, 365 days" "/api/admin/billing/costs?granularity=month&days=365" $KEY
time_path "costs per day, 90 days" "/api/admin/billing/costs?granularity=day&days=90" $KEY
time_path "costs per hour, today" "/api/admin/billing/costs?granularity=hour" $KEY
time_path "CSV by user, 90 days" "/api/admin/billing/usage?days=90&group_by=user" $KEY text/csv
time_path "my-usage, 30 days (one user)" "/api/billing/usage/my-usage?days=30" "$token"
