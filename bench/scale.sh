#!/usr/bin/env bash
# Issue 16, scale-out: one Switchboard instance, then two, on one PostgreSQL schema and one Redis (a fresh key prefix),
# behind a local HAProxy (round robin, as docs/compose/haproxy.cfg), against the nginx mocks of bench/run.sh. Prints the
# requests/s of each and the CPU per request of every process that serves them (each instance, HAProxy, the PostgreSQL
# backends of this run, Redis's main thread), then measures the capacity of the shared parts on their own:
#   - PostgreSQL: usage-log commits as the usage writer makes them (one transaction = a JDBC-style pipelined batch of
#     B prepared INSERTs into usage_records plus its 3 rollup upserts), with pgbench, for B in BENCH_BATCHES and 1..4
#     concurrent writers (one writer per instance): records/s;
#   - Redis: its main thread's CPU per request during the runs (INFO cpu, commandstats: the limit scripts per request),
#     so 1e6 / that is the requests/s one Redis serves.
# and prints the model: throughput(n) = min(n x per-instance, PostgreSQL ceiling, Redis ceiling).
#
#   bash bench/scale.sh                         # ~6 minutes with the defaults
#   BENCH_LIMITS=1 bash bench/scale.sh          # every request through a limited key (bench/limited-key.sh): 5 budgets
#                                               # and an RPM bucket in Redis, as users run it
#   BENCH_PATH=stream bash bench/scale.sh       # the streaming path instead of the plain one
#   BENCH_DURATION=3 BENCH_WARMUP=5 BENCH_PG_SECONDS=2 bash bench/scale.sh   # smoke run
#
# Where the machine has too few cores for two instances plus the load generator (this one has 2), the two-instance
# figure measures the machine, not the gateway: the model's constants (CPU per request, the shared parts' ceilings) are
# what carries over. BENCH_PORT_BASE (18480) moves instance 1 and the mocks, BENCH_PORT_BASE2 (BASE + 50) instance 2
# and HAProxy (BASE2 + 10). BENCH_WARMUP (60 s, the JIT's need on this machine) warms each instance directly.
# Needs: wrk, nginx, haproxy, curl, psql, pgbench, redis-cli, python3, Java 25; .ci/services's PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-60}
CONNS=${BENCH_CONNS:-64}
PATH_NAME=${BENCH_PATH:-plain}
PG_SECONDS=${BENCH_PG_SECONDS:-10}
BATCHES=${BENCH_BATCHES:-1 8 32 128 512}
BASE=${BENCH_PORT_BASE:-18480}
BASE2=${BENCH_PORT_BASE2:-$((BASE + 50))}
OPENAI_PORT=$((BASE + 1)); STREAM_PORT=$((BASE + 2)); ANTHROPIC_PORT=$((BASE + 3))
LB_PORT=$((BASE2 + 10))
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${BENCH_JAR:-target/switchboard-0.1.0-SNAPSHOT.jar}
KEY=sk-sb-bench-admin-key-0123456789abcdef
ADMIN_KEY=$KEY
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-switchboard} PGPASSWORD=${PGPASSWORD:-switchboard} PGDATABASE=${PGDATABASE:-switchboard_test}
PSQL="psql -v ON_ERROR_STOP=1 -q -X"
REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
for tool in wrk nginx haproxy curl psql pgbench redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests

work=$(mktemp -d /tmp/switchboard-scale.XXXXXX)
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi,data1,data2}
chmod 755 "$work"
SCHEMA=bench_scale_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
PREFIX="bench-$SCHEMA:"
pids=(); lb_pid=""
cleanup() {
  for pid in "${pids[@]}" $lb_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s quit 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    $PSQL -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true
    redis-cli -u "$REDIS_URL" --scan --pattern "$PREFIX*" 2>/dev/null | xargs -r -n 500 redis-cli -u "$REDIS_URL" DEL >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

python3 bench/fixtures.py bench/nginx.conf.template "$work/nginx.conf" "$work" $OPENAI_PORT $STREAM_PORT $ANTHROPIC_PORT \
  $((BASE + 4)) $((BASE + 5))
nginx -c "$work/nginx.conf" -p "$work"
$PSQL -c "CREATE SCHEMA $SCHEMA"

# instance N PORT: starts instance N on the shared schema and Redis prefix; its pid (java's: the launcher execs) in pids[]
instance() {
  (exec env SWITCHBOARD_DATA_DIR="$work/data$1" SERVER_PORT=$2 SWITCHBOARD_MANAGEMENT_PORT=$(($2 + 20)) SWITCHBOARD_ADMIN_API_KEY=$ADMIN_KEY \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$PGDATABASE?currentSchema=$SCHEMA&ApplicationName=$SCHEMA" \
    SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=$PGPASSWORD SPRING_FLYWAY_SCHEMAS=$SCHEMA SPRING_FLYWAY_DEFAULT_SCHEMA=$SCHEMA \
    SWITCHBOARD_REDIS_URL=$REDIS_URL SWITCHBOARD_REDIS_PREFIX="$PREFIX" \
    OPENAI_API_KEY=sk-bench-openai OPENAI_BASE_URL=http://127.0.0.1:$OPENAI_PORT/v1 \
    GROQ_API_KEY=gsk-bench-groq GROQ_BASE_URL=http://127.0.0.1:$STREAM_PORT/openai/v1 \
    JAVA_HOME=$JAVA_HOME JAVA_OPTS="${BENCH_JVM_OPTS:-}" SWITCHBOARD_JAR="$JAR" bin/switchboard) >"$work/gateway$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$2/health" >/dev/null && return
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "instance $1 did not start"; tail -30 "$work/gateway$1.log"; exit 1
}

# haproxy PORTS...: (re)starts HAProxy on LB_PORT, round robin over the instances on these ports
haproxy_on() {
  [ -n "$lb_pid" ] && { kill "$lb_pid"; wait "$lb_pid" 2>/dev/null || true; lb_pid=""; }
  {
    printf 'global\n    maxconn 4096\n    nbthread 1\n'
    printf 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 600s\n    timeout server 600s\n    option http-keep-alive\n'
    printf 'frontend api\n    bind 127.0.0.1:%s\n    default_backend switchboard\n' $LB_PORT
    printf 'backend switchboard\n    balance roundrobin\n    http-reuse always\n'
    for port in "$@"; do printf '    server s%s 127.0.0.1:%s\n' "$port" "$port"; done
  } >"$work/haproxy.cfg"
  haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  lb_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$LB_PORT/health" && return; sleep 0.1; done
}

declare -A BODY_OF=(
  [plain]='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
  [stream]='{"model":"llama-3.3-70b-versatile","stream":true,"messages":[{"role":"user","content":"Hello"}]}')
BODY=${BODY_OF[$PATH_NAME]}
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_backends() { $PSQL -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = '$SCHEMA'"; }
pg_cpu_ms() { local t=0 pid; for pid in $(pg_backends); do t=$((t + $(cpu_ms "$pid"))); done; echo $t; }
redis_main_us() { redis-cli -u "$REDIS_URL" INFO cpu | tr -d '\r' | awk -F: '/^used_cpu_(sys|user)_main_thread:/ { s += $2 } END { printf "%.0f", s * 1e6 }'; }
redis_calls() { redis-cli -u "$REDIS_URL" INFO commandstats | tr -d '\r' | awk -F'[=,:]' '/^cmdstat_(evalsha|eval|evalsha_ro|eval_ro):/ { n += $3 } END { print n + 0 }'; }
load_rps() { # URL SECONDS -> wrk's output file
  BODY=$BODY KEY=$KEY wrk -t2 -c"$CONNS" -d"${2}s" --latency -s bench/post.lua "$1/v1/chat/completions" >"$3" 2>&1
}

# measure LABEL: one wrk run through HAProxy; adds a table row to rows[] and keeps the figures in M[LABEL.*]
declare -A M
measure() {
  local label=$1 cpu0=() i pg0 r0 c0 lb0
  for i in "${!pids[@]}"; do cpu0[$i]=$(cpu_ms "${pids[$i]}"); done
  pg0=$(pg_cpu_ms); r0=$(redis_main_us); c0=$(redis_calls); lb0=$(cpu_ms "$lb_pid")
  load_rps "http://127.0.0.1:$LB_PORT" "$DURATION" "$work/$label.txt"
  grep -qi "non-2xx" "$work/$label.txt" && { echo "WARNING: $label had non-2xx answers:" >&2; grep -i "non-2xx" "$work/$label.txt" >&2; }
  local reqs rps p50 p99 per=()
  reqs=$(awk '/requests in/ {print $1}' "$work/$label.txt"); rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/$label.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$label.txt"); p99=$(awk '$1 == "99%" {print $2}' "$work/$label.txt")
  for i in "${!pids[@]}"; do per+=("$(( 1000 * ($(cpu_ms "${pids[$i]}") - cpu0[$i]) / reqs ))"); done
  M[$label.rps]=$rps; M[$label.reqs]=$reqs
  M[$label.gw]=$(printf '%s\n' "${per[@]}" | awk '{ s += $1 } END { print s }')
  M[$label.pg]=$(( 1000 * ($(pg_cpu_ms) - pg0) / reqs ))
  M[$label.redis]=$(( ($(redis_main_us) - r0) / reqs ))
  M[$label.scripts]=$(awk -v a="$(redis_calls)" -v b="$c0" -v n="$reqs" 'BEGIN { printf "%.2f", (a - b) / n }')
  M[$label.lb]=$(( 1000 * ($(cpu_ms "$lb_pid") - lb0) / reqs ))
  rows+=("| $label | $rps | $p50 / $p99 | $(printf '%s\n' "${per[@]}" | paste -sd+ | sed 's/+/ + /g') = ${M[$label.gw]} | ${M[$label.lb]} | ${M[$label.pg]} | ${M[$label.redis]} (${M[$label.scripts]} scripts) |")
}

echo "one instance: starting, warming ${WARMUP}s..." >&2
instance 1 "$BASE"
[ "${BENCH_LIMITS:-0}" = 1 ] && KEY=$(bash bench/limited-key.sh "http://127.0.0.1:$BASE" "$ADMIN_KEY")
load_rps "http://127.0.0.1:$BASE" "$WARMUP" "$work/warm1.txt"
haproxy_on "$BASE"
rows=()
measure one
echo "two instances: starting the second, warming it ${WARMUP}s..." >&2
cp "$work/data1/encryption-keyset.json" "$work/data2/"  # one keyset for the secrets both instances read from the database
instance 2 "$BASE2"
load_rps "http://127.0.0.1:$BASE2" "$WARMUP" "$work/warm2.txt"
haproxy_on "$BASE" "$BASE2"
measure two
for pid in "${pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done; pids=()
kill "$lb_pid"; wait "$lb_pid" 2>/dev/null || true; lb_pid=""

# PostgreSQL alone: the usage writer's commits on the run's own tables (B pipelined INSERTs + 3 rollup upserts a commit)
writer_script() { # B -> a pgbench script of one writer commit
  local now bucket_h bucket_d
  echo '\set u random(1, 200)'
  echo 'BEGIN;'
  echo '\startpipeline'
  for _ in $(seq 1 "$1"); do
    echo "INSERT INTO usage_records (id, created_at, endpoint, user_id, gateway_key_id, provider_id, model, upstream_model, credential_kind, credential_id, status, http_status, streamed, input_tokens, output_tokens, cached_tokens, cost_nano_usd, latency_ms, error_type, request_id, client_id, credits_nano_usd, cache_write_tokens, template_id, template_version) VALUES (gen_random_uuid()::text, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'chat.completions', 'user-' || :u::text, 'key-' || :u::text, 'openai', 'gpt-4o-mini', 'gpt-4o-mini', 'env', 'OPENAI_API_KEY', 'ok', 200, false, 12, 20, 0, 13800, 200, NULL, 'req_' || md5(random()::text), NULL, 0, 0, NULL, NULL);"
  done
  for grain in h d m; do
    echo "INSERT INTO usage_rollups VALUES ('$grain', (extract(epoch FROM date_trunc('hour', now())) * 1000)::bigint, 'user-' || :u::text, 'key-' || :u::text, '', 'openai', 'gpt-4o-mini', 'env', 'OPENAI_API_KEY', $1, $1, 12 * $1, 20 * $1, 0, 13800 * $1, 0) ON CONFLICT (grain, bucket, user_id, gateway_key_id, client_id, provider_id, model, credential_kind, credential_id) DO UPDATE SET requests = usage_rollups.requests + excluded.requests, successful_requests = usage_rollups.successful_requests + excluded.successful_requests, input_tokens = usage_rollups.input_tokens + excluded.input_tokens, output_tokens = usage_rollups.output_tokens + excluded.output_tokens, cost_nano_usd = usage_rollups.cost_nano_usd + excluded.cost_nano_usd, last_at = excluded.last_at;"
  done
  echo '\endpipeline'
  echo 'COMMIT;'
}
echo "PostgreSQL alone: usage-writer commits, ${PG_SECONDS}s each..." >&2
pg_rows=()
for writers in 1 2 4; do
  row="| $writers |"
  for b in $BATCHES; do
    writer_script "$b" >"$work/writer-$b.sql"
    tps=$(PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$writers" -j "$writers" -T "$PG_SECONDS" -f "$work/writer-$b.sql" 2>&1 \
      | awk '/^tps = / { printf "%.0f", $3 }')
    row="$row $(awk -v t="${tps:-0}" -v b="$b" 'BEGIN { printf "%.0f (%.0f commits/s)", t * b, t }') |"
    M[pg.$writers.$b]=$(awk -v t="${tps:-0}" -v b="$b" 'BEGIN { printf "%.0f", t * b }')
  done
  pg_rows+=("$row")
done

# ---- report ----
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); PostgreSQL $($PSQL -At -c 'SHOW server_version'),\
 Redis $(redis-cli -u "$REDIS_URL" INFO server | tr -d '\r' | awk -F: '/^redis_version/ {print $2}'), $(haproxy -v | head -1 | awk '{print $1, $3}');\
 load before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Path $PATH_NAME, wrk -t2 -c$CONNS ${DURATION}s through HAProxy (round robin), each instance warmed ${WARMUP}s directly;\
 $([ "${BENCH_LIMITS:-0}" = 1 ] && echo "BENCH_LIMITS=1 (5 budgets + an RPM bucket in Redis per request)" || echo "no limits"); everything shares the machine."
echo
echo "| instances | rps | p50 / p99 | gateway CPU µs per request (each instance, sum) | HAProxy µs/req | PostgreSQL backends µs/req | Redis main thread µs/req (limit scripts per request) |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Two / one: $(awk -v a="${M[two.rps]}" -v b="${M[one.rps]}" 'BEGIN { printf "%.2fx", a / b }'). CPU per request, all processes: one\
 $(( M[one.gw] + M[one.lb] + M[one.pg] + M[one.redis] )) µs, two $(( M[two.gw] + M[two.lb] + M[two.pg] + M[two.redis] )) µs\
 (wrk and nginx not counted); at $(nproc) cores that caps the machine at $(( $(nproc) * 1000000 / (M[two.gw] + M[two.lb] + M[two.pg] + M[two.redis] + 1) )) rps."
echo
echo "PostgreSQL alone (pgbench on the run's tables; one commit = B pipelined INSERTs + 3 rollup upserts, as the usage writer does), records/s:"
echo
echo "| writers (instances) | $(for b in $BATCHES; do printf 'B = %s | ' "$b"; done)"
echo "|---|$(for _ in $BATCHES; do printf -- '---|'; done)"
printf '%s\n' "${pg_rows[@]}"
echo
per_instance=$(( 1000000 / (M[one.gw] + 1) ))
pg_ceiling=$(for w in 1 2 4; do for b in $BATCHES; do echo "${M[pg.$w.$b]}"; done; done | sort -n | tail -1)
redis_ceiling=$([ "${M[two.redis]}" -gt 0 ] && echo $(( 1000000 / M[two.redis] )) || echo "unbounded (no Redis work per request)")
echo "Model: throughput(n) = min(n x $per_instance rps (one core per instance: 1e6 / ${M[one.gw]} µs), PostgreSQL ceiling ~$pg_ceiling records/s\
 (the best of the table above: one usage record per request), Redis ceiling $redis_ceiling rps (1e6 / ${M[two.redis]} µs of its one thread per request))."
