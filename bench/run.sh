#!/usr/bin/env bash
# Switchboard benchmark: requests/s, latency added by the gateway (gateway minus direct-to-mock, p50/p99), time to
# first token, and the gateway's peak RSS, for non-streaming and streaming chat at 1 and 32 connections, plus a
# streamed translation (OpenAI client -> Anthropic upstream). Mock upstreams are nginx serving static answers in each
# provider's wire format. Everything listens on 127.0.0.1; every load run is bounded in time.
#
#   bash bench/run.sh                 # full run (~8 minutes); prints a Markdown table at the end
#   BENCH_DURATION=5 bash bench/run.sh  # quicker, noisier
# BENCH_WARMUP (60 s by default, per path) is load before any figure is taken: on this 2-core machine the JIT needs
# about 60 s of load before the figures are warm (bench/startup.sh's warm figure uses the same 60 s); a shorter warm-up
# measures a gateway still compiling (fine for a smoke run: BENCH_DURATION=3 BENCH_WARMUP=5).
#   BENCH_JAR=/path/to/other.jar bash bench/run.sh  # a given build instead of this tree's (see compare.sh)
#   BENCH_POOL=1 bash bench/run.sh  # OpenAI and Groq served by three admin pool keys each instead of the env key
#   BENCH_FAULTS=1 bash bench/run.sh  # 10% of OpenAI and Groq calls answer 503; each model gets a second, fault-free
#                                     # deployment (GitHub Models, OpenRouter) and 2 retries: the client should see no errors
#   BENCH_ROUTES=1 bash bench/run.sh  # the attempt loop's full machinery, fault-free: plain and stream models get two
#                                     # healthy deployments (weighted), 2 retries and a fallback model; translated a
#                                     # fallback and 2 retries (compare.sh with BENCH_AFTER_ENV="BENCH_ROUTES=1")
#   BENCH_DB=postgres bash bench/run.sh  # PostgreSQL (.ci/services, a fresh schema, dropped after) and Redis (a fresh
#                                        # key prefix) instead of embedded SQLite; BENCH_REDIS=0 leaves Redis out
#   BENCH_PREFILL=10000000 bash bench/run.sh  # 10M realistic usage records (and their rollups) in the database before
#                                     # the gateway starts (bench/prefill.sh; SQLite: a cached template file, filled once
#                                     # per N and schema; PostgreSQL: filled into the run's schema each run, ~6 min);
#                                     # BENCH_PREFILL_ONLY=1 makes the SQLite template and stops (before a quiet window)
#   BENCH_LIMITS=1 bash bench/run.sh  # every request by a member-mode user spending credits, through a gateway key with
#                                     # daily and monthly budgets and an RPM limit (too high to refuse), under org limits
#   BENCH_LIMITS=alternate bash bench/run.sh  # limits against none on one warm gateway, alternating runs (BENCH_ALTERNATIONS
#                                     # pairs, 6 by default, on the first of BENCH_PATHS): the medians of the pairs
#   BENCH_PATHS="plain" BENCH_CONNS="1" bash bench/run.sh  # only these paths (plain stream translated) and connections
#   BENCH_WRK_DIR=/tmp/wrk bash bench/run.sh  # keeps each run's wrk output (the full latency distribution) there; wrk
#                                     # corrects its percentiles for coordinated omission, so at one connection a rare
#                                     # 40 ms stall counts ~50 times: BENCH_HOOK can run a client that times each request
#   BENCH_HOOK="python3 bench/probe.py 20" bash bench/run.sh  # a command run once the gateway is warm, before the figures, with
#                                     # GW (the chat URL), KEY, GW_PID and GW_BODY set: a profiler, a latency probe
#   BENCH_PIN=1 bash bench/run.sh     # the gateway on core 0 alone (taskset), wrk and the nginx mocks on core 1: per core
#   BENCH_PORTKEY=1 bash bench/run.sh # also Portkey's OSS gateway (bench/portkey, npm ci there), pinned the same way,
#                                     # same mock, same bodies: plain and stream, after Switchboard's runs
# The gateway starts through bin/switchboard, the launcher users run, so it gets the project's own JVM settings
# (bin/jvm.options); BENCH_JVM_OPTS adds to them (a later flag wins), BENCH_JAVA_CMD replaces the launcher entirely
# (e.g. "java -XX:+UseSerialGC -Xmx256m -jar" for an old jar's bench settings).
#
# Needs: wrk, nginx (nginx-light), curl, sqlite3, python3, Java 25 (BENCH_DB=postgres: psql, redis-cli; BENCH_PREFILL:
# unzip). On a fresh Debian machine:
#   apt-get install -y wrk nginx-light curl sqlite3 unzip postgresql-client redis-tools
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-60}
TTFT_SAMPLES=${BENCH_TTFT_SAMPLES:-300}
# BENCH_PORT_BASE moves every port (the gateway, the mocks, Portkey), so that two benches on one machine do not collide
BASE=${BENCH_PORT_BASE:-18480}
GW_PORT=${BENCH_GATEWAY_PORT:-$BASE}
OPENAI_PORT=$((BASE + 1)); STREAM_PORT=$((BASE + 2)); ANTHROPIC_PORT=$((BASE + 3)); FAULT_OPENAI_PORT=$((BASE + 4)); FAULT_STREAM_PORT=$((BASE + 5))
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVM_OPTS=${BENCH_JVM_OPTS:-}
[ "${BENCH_NMT:-0}" = 1 ] && JVM_OPTS="$JVM_OPTS -XX:NativeMemoryTracking=summary"
PATHS=${BENCH_PATHS:-plain stream translated}
CONNS=${BENCH_CONNS:-1 32}
PORTKEY_PORT=$((BASE + 10)); MGMT_PORT=$((BASE + 20))  # the management port (metrics), off the default 9090
GW_PIN=(); LOAD_PIN=()
[ "${BENCH_PIN:-0}" = 1 ] && { GW_PIN=(taskset -c 0); LOAD_PIN=(taskset -c 1); }
KEY=sk-sb-bench-admin-key-0123456789abcdef

for tool in wrk nginx curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx-light curl sqlite3 python3" >&2; exit 1; }
done

work=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi,data}
chmod 755 "$work"  # nginx workers read the answers as an unprivileged user
gw_pid=""; rss_pid=""
# BENCH_DB=postgres: a fresh schema in the .ci/services PostgreSQL and a fresh Redis key prefix, both removed at the end
DB=${BENCH_DB:-sqlite}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-switchboard} PGPASSWORD=${PGPASSWORD:-switchboard} PGDATABASE=${PGDATABASE:-switchboard_test}
PSQL="psql -v ON_ERROR_STOP=1 -q -X"
REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379}
SCHEMA=""
DB_ENV=()
if [ "$DB" = postgres ]; then
  SCHEMA=bench_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
  $PSQL -c "CREATE SCHEMA $SCHEMA"
  DB_ENV=(SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$PGDATABASE?currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME=$PGUSER
    SPRING_DATASOURCE_PASSWORD=$PGPASSWORD SPRING_FLYWAY_SCHEMAS=$SCHEMA SPRING_FLYWAY_DEFAULT_SCHEMA=$SCHEMA)
  [ "${BENCH_REDIS:-1}" = 1 ] && DB_ENV+=(SWITCHBOARD_REDIS_URL=$REDIS_URL SWITCHBOARD_REDIS_PREFIX="bench-$SCHEMA:")
elif [ "$DB" != sqlite ]; then
  echo "BENCH_DB is sqlite or postgres, not $DB" >&2; exit 2
fi
cleanup() {
  [ -n "$rss_pid" ] && kill "$rss_pid" 2>/dev/null || true
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s quit 2>/dev/null || true
  if [ -n "$SCHEMA" ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
    $PSQL -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true
    redis-cli -u "$REDIS_URL" --scan --pattern "bench-$SCHEMA:*" 2>/dev/null | xargs -r -n 500 redis-cli -u "$REDIS_URL" DEL >/dev/null 2>&1 || true
  fi
  # a prefilled database is gigabytes: the run's copy goes (the template stays in the cache)
  [ "${BENCH_PREFILL:-0}" -gt 0 ] && [ "${BENCH_KEEP:-0}" != 1 ] && rm -f "$work"/data/switchboard.db* || true
}
trap cleanup EXIT

JAR=${BENCH_JAR:-target/switchboard-0.1.0-SNAPSHOT.jar}
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$JAR" ] || [ "${BENCH_BUILD:-1}" = 1 ]; }; then
  JAVA_HOME=$JAVA_HOME ./mvnw -q -o package -DskipTests >/dev/null 2>&1 || JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests
fi

python3 bench/fixtures.py bench/nginx.conf.template "$work/nginx.conf" "$work" $OPENAI_PORT $STREAM_PORT $ANTHROPIC_PORT \
  $FAULT_OPENAI_PORT $FAULT_STREAM_PORT
UP_OPENAI=$OPENAI_PORT; UP_STREAM=$STREAM_PORT
[ "${BENCH_FAULTS:-0}" = 1 ] && { UP_OPENAI=$FAULT_OPENAI_PORT; UP_STREAM=$FAULT_STREAM_PORT; }
${LOAD_PIN[@]+"${LOAD_PIN[@]}"} nginx -c "$work/nginx.conf" -p "$work"

# gateway LOG [ARGUMENTS...]: the gateway on $work/data with the bench's environment, in the foreground
gateway() {
  exec env SWITCHBOARD_DATA_DIR="$work/data" SERVER_PORT=$GW_PORT SWITCHBOARD_MANAGEMENT_PORT=$MGMT_PORT SWITCHBOARD_ADMIN_API_KEY=$KEY \
    OPENAI_API_KEY=sk-bench-openai OPENAI_BASE_URL=http://127.0.0.1:$UP_OPENAI/v1 \
    GROQ_API_KEY=gsk-bench-groq GROQ_BASE_URL=http://127.0.0.1:$UP_STREAM/openai/v1 \
    GITHUB_TOKEN=github-bench GITHUB_MODELS_BASE_URL=http://127.0.0.1:$OPENAI_PORT/inference \
    OPENROUTER_API_KEY=sk-or-bench OPENROUTER_BASE_URL=http://127.0.0.1:$STREAM_PORT/api/v1 \
    ANTHROPIC_API_KEY=sk-ant-bench ANTHROPIC_BASE_URL=http://127.0.0.1:$ANTHROPIC_PORT \
    ${DB_ENV[@]+"${DB_ENV[@]}"} JAVA_HOME=$JAVA_HOME JAVA_OPTS="$JVM_OPTS" SWITCHBOARD_JAR="$JAR" \
    ${GW_PIN[@]+"${GW_PIN[@]}"} ${BENCH_JAVA_CMD:-bin/switchboard} ${BENCH_JAVA_CMD:+"$JAR"} "${@:2}" >"$1" 2>&1
}
PREFILL=${BENCH_PREFILL:-0}
if [ "$PREFILL" -gt 0 ]; then # N usage records (and their rollups) before the gateway starts: bench/prefill.sh
  # the schema first: the application started once (Flyway runs) and stopped as soon as it answers
  migrate() {
    gateway "$work/migrate.log" & gw_pid=$!
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null && break; sleep 0.5; done
    curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null || { echo "migration run failed"; tail -30 "$work/migrate.log"; exit 1; }
    kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; gw_pid=""
  }
  # the records span the 89 days before the fill; a template made days ago would have its oldest records pruned while
  # the bench runs (the pruner starts 2 minutes in), so prefilled runs keep a year
  DB_ENV+=(SWITCHBOARD_USAGE_RETENTION_DAYS=${BENCH_RETENTION_DAYS:-365})
  fill_start=$(date +%s)
  if [ "$DB" = sqlite ]; then
    # the filled file is kept as a template per record count and migration set, so a before/after pays the fill once
    cache=${BENCH_PREFILL_CACHE:-/tmp/switchboard-prefill}
    stamp=$(unzip -p "$JAR" 'BOOT-INF/classes/db/migration/*' 'BOOT-INF/classes/dev/switchboard/*Migration.class' 2>/dev/null | md5sum | cut -c1-12)
    template=$cache/sqlite-$PREFILL-$stamp
    if [ ! -f "$template/switchboard.db" ]; then
      echo "prefill: no template at $template; migrating and filling $PREFILL records (once)..." >&2
      migrate
      nice -n 19 bash bench/prefill.sh sqlite "$work/data/switchboard.db" "$PREFILL" >&2
      mkdir -p "$cache"; rm -rf "$template.tmp"; cp -r "$work/data" "$template.tmp"; rm -rf "$template"; mv "$template.tmp" "$template"
    else
      echo "prefill: copying the template $template..." >&2
      rm -rf "$work/data"; cp -r "$template" "$work/data"
    fi
    prefill_report=$(bash bench/prefill.sh sqlite-size "$work/data/switchboard.db")
  else
    migrate
    nice -n 19 bash bench/prefill.sh postgres "$SCHEMA" "$PREFILL" >&2
    prefill_report=$(bash bench/prefill.sh postgres-size "$SCHEMA")
  fi
  echo "prefill: $PREFILL records ready after $(( $(date +%s) - fill_start )) s" >&2
  # BENCH_PREFILL_ONLY=1: make the template (outside a quiet window) and stop
  [ "${BENCH_PREFILL_ONLY:-0}" = 1 ] && { echo "Prefill: $prefill_report"; exit 0; }
fi
gateway "$work/gateway.log" &
gw_pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null || { echo "gateway did not start"; tail -50 "$work/gateway.log"; exit 1; }
if [ "${BENCH_POOL:-0}" = 1 ]; then # serve OpenAI and Groq from three pool keys each instead of the environment key
  for provider_url in "openai http://127.0.0.1:$OPENAI_PORT/v1" "groq http://127.0.0.1:$STREAM_PORT/openai/v1"; do
    set -- $provider_url
    for i in 1 2 3; do
      curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        -d "{\"provider\":\"$1\",\"name\":\"bench-$i\",\"api_key\":\"sk-bench-pool-key-$1-$i-0000000000\",\"base_url\":\"$2\",\"daily_limit_usd\":100000,\"priority\":$i}" \
        "http://127.0.0.1:$GW_PORT/api/admin/llm-keys" || { echo "could not add pool keys"; exit 1; }
    done
  done
fi
if [ "${BENCH_FAULTS:-0}" = 1 ]; then # a second, fault-free deployment for each faulty path, and 2 retries
  # GitHub Models stands in for the plain path's second provider (the JSON mock), OpenRouter for the stream's (the SSE mock)
  for model_deployments in "m-gpt-4o-mini openai gpt-4o-mini github" "m-llama-3-3-70b groq llama-3.3-70b-versatile openrouter"; do
    set -- $model_deployments
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "{\"deployments\":[{\"provider\":\"$2\",\"upstream_model\":\"$3\"},{\"provider\":\"$4\",\"upstream_model\":\"$3\"}],\"max_retries\":2}" \
      "http://127.0.0.1:$GW_PORT/api/admin/models/$1" || { echo "could not add deployments"; exit 1; }
  done
fi
if [ "${BENCH_ROUTES:-0}" = 1 ]; then # the attempt loop's machinery on the happy path: every deployment is a healthy mock
  # plain: OpenAI + GitHub Models (both the JSON mock), stream: Groq + OpenRouter (both the SSE mock), weighted; a fallback
  # model each (served by the same healthy mocks) and 2 retries; translated (one Anthropic upstream): a fallback and 2 retries
  for model_routing in \
    "m-gpt-4o-mini {\"deployments\":[{\"provider\":\"openai\",\"upstream_model\":\"gpt-4o-mini\"},{\"provider\":\"github\",\"upstream_model\":\"gpt-4o-mini\"}],\"max_retries\":2,\"fallbacks\":[\"gpt-4o\"]}" \
    "m-llama-3-3-70b {\"deployments\":[{\"provider\":\"groq\",\"upstream_model\":\"llama-3.3-70b-versatile\"},{\"provider\":\"openrouter\",\"upstream_model\":\"llama-3.3-70b-versatile\"}],\"max_retries\":2,\"fallbacks\":[\"llama-3.1-8b-instant\"]}" \
    "m-claude-sonnet-4-5 {\"max_retries\":2,\"fallbacks\":[\"claude-haiku-4-5\"]}"; do
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "${model_routing#* }" \
      "http://127.0.0.1:$GW_PORT/api/admin/models/${model_routing%% *}" || { echo "could not configure routes for ${model_routing%% *}"; exit 1; }
  done
fi
if [ "${BENCH_LIMITS:-0}" = 1 ]; then # budgets, an RPM limit and member credits on every request
  KEY=$(bash bench/limited-key.sh "http://127.0.0.1:$GW_PORT" "$KEY") || exit 1
fi
(while kill -0 "$gw_pid" 2>/dev/null; do ps -o rss= -p "$gw_pid" >>"$work/rss" 2>/dev/null || true; sleep 0.5; done) &
rss_pid=$!

PLAIN='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
STREAM='{"model":"llama-3.3-70b-versatile","stream":true,"messages":[{"role":"user","content":"Hello"}]}'
TRANSLATED='{"model":"claude-sonnet-4-5","stream":true,"messages":[{"role":"user","content":"Hello"}]}'
ANTHROPIC_DIRECT='{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hello"}]}'
GW=http://127.0.0.1:$GW_PORT/v1/chat/completions

to_ms() { # wrk latency like 512.00us, 1.20ms, 2.00s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
usage_rows() {
  if [ "$DB" = postgres ]; then $PSQL -At -c "SELECT COUNT(*) FROM $SCHEMA.usage_records" 2>/dev/null || echo 0
  else sqlite3 "$work/data/switchboard.db" "SELECT COUNT(*) FROM usage_records" 2>/dev/null || echo 0; fi
}

# cpu_ms PID -> the CPU time (user + system, all threads) the process has used so far, in ms
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# run NAME URL BODY KEY CONNECTIONS -> prints "rps p50 p99 requests p90 cpu-us-per-request" and keeps wrk's output;
# the CPU per request is SERVER_PID's (the gateway's, unless set): robust to the other load on a shared machine, and
# 1e6 / it is the requests/s one fully used core would serve.
# (HEADERS, if set, are extra request headers for post.lua: "Name: value|Name: value")
run() {
  local name=$1 url=$2 body=$3 key=$4 conns=$5 threads=1 pid=${SERVER_PID:-$gw_pid} cpu0
  [ "$conns" -gt 1 ] && threads=2
  cpu0=$(cpu_ms "$pid")
  BODY=$body KEY=$key ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} wrk -t$threads -c"$conns" -d"${DURATION}s" --latency -s bench/post.lua "$url" \
    >"$work/$name.txt" 2>&1
  [ -n "${BENCH_WRK_DIR:-}" ] && mkdir -p "$BENCH_WRK_DIR" && cp "$work/$name.txt" "$BENCH_WRK_DIR/"
  local rps p50 p90 p99 reqs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/$name.txt")")
  p90=$(to_ms "$(awk '$1 == "90%" {print $2}' "$work/$name.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/$name.txt")")
  reqs=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  if grep -q "Non-2xx\|first non-2xx" "$work/$name.txt"; then echo "WARNING: $name had non-2xx answers:" >&2; grep -i "non-2xx" "$work/$name.txt" >&2; fi
  echo "$rps $p50 $p99 $reqs $p90 $(awk -v c="$(( $(cpu_ms "$pid") - cpu0 ))" -v n="$reqs" 'BEGIN { printf "%.0f", (n > 0 ? 1000 * c / n : 0) }')"
}

# ttft URL BODY KEY -> median and p99 of curl's time to first byte, in ms, over TTFT_SAMPLES sequential requests
ttft() {
  local url=$1 body=$2 key=$3
  for _ in $(seq 1 "$TTFT_SAMPLES"); do
    curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'Content-Type: application/json' ${key:+-H "Authorization: Bearer $key"} -d "$body" "$url"
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f %.3f", a[int(NR * 0.5) + 1] * 1000, a[int(NR * 0.99)] * 1000 }'
}

echo "warming up the gateway (${WARMUP}s per path)..." >&2
declare -A BODY_OF=([plain]=$PLAIN [stream]=$STREAM [translated]=$TRANSLATED)
for path in $PATHS; do
  BODY=${BODY_OF[$path]} KEY=$KEY ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} wrk -t2 -c16 -d"${WARMUP}s" -s bench/post.lua "$GW" >/dev/null 2>&1
done
# BENCH_HOOK: a command run once the gateway is warm, before any figure is taken, with GW (the chat URL), KEY, GW_PID
# and GW_BODY (the first path's body) in its environment: a profiler, a latency probe
[ -n "${BENCH_HOOK:-}" ] && GW=$GW KEY=$KEY GW_PID=$gw_pid GW_BODY=${BODY_OF[${PATHS%% *}]} bash -c "$BENCH_HOOK"
translated_ok=1
[[ " $PATHS " == *" translated "* ]] || translated_ok=0
if [ $translated_ok = 1 ] && ! curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" -d "$TRANSLATED" "$GW" >/dev/null; then
  translated_ok=0; echo "the translated path (claude via Anthropic upstream) does not answer 2xx: skipping it" >&2
fi

# BENCH_LIMITS=alternate: limits against none on one warm gateway, in alternating runs (A B, then B A, ...), so that both
# sides share the JIT's state and the machine's moment: the admin key with the organisation's limits off, against the
# limited key (bench/limited-key.sh) with them on; prints each pair and the medians, then stops
if [ "${BENCH_LIMITS:-0}" = alternate ]; then
  LKEY=$(bash bench/limited-key.sh "http://127.0.0.1:$GW_PORT" "$KEY") || exit 1
  org() { curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$1" \
    "http://127.0.0.1:$GW_PORT/api/admin/organisation" || { echo "could not change the organisation's limits" >&2; exit 1; }; sleep 1; }
  ORG_ON='{"require_credits":true,"daily_limit_usd":1000000,"monthly_limit_usd":1000000}'
  ORG_OFF='{"require_credits":false,"daily_limit_usd":0,"monthly_limit_usd":0}'
  path=${PATHS%% *}; declare -A R
  BODY=${BODY_OF[$path]} KEY=$LKEY ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} wrk -t2 -c16 -d"${WARMUP}s" -s bench/post.lua "$GW" >/dev/null 2>&1
  echo
  echo "Limits against none, $path, one gateway, alternating ($(date -u +%Y-%m-%dT%H:%MZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo "| round | conns | none: rps / CPU µs / p50 ms | limits: rps / CPU µs / p50 ms | rps limits/none | added p50 ms |"
  echo "|---|---|---|---|---|---|"
  for round in $(seq 1 "${BENCH_ALTERNATIONS:-6}"); do
    for conns in $CONNS; do
      order="none limits"; [ $((round % 2)) = 0 ] && order="limits none"
      for side in $order; do
        if [ $side = none ]; then org "$ORG_OFF"; R[$side]=$(run alt_$side "$GW" "${BODY_OF[$path]}" $KEY $conns)
        else org "$ORG_ON"; R[$side]=$(run alt_$side "$GW" "${BODY_OF[$path]}" $LKEY $conns); fi
      done
      echo "$round $conns ${R[none]} ${R[limits]}"
    done
  done | tee "$work/alternate" | awk '{ printf "| %s | %s | %.0f / %d / %.3f | %.0f / %d / %.3f | %.3f | %+.3f |\n", $1, $2, $3, $8, $4, $9, $14, $10, $9 / $3, $10 - $4 }'
  median() { sort -g | awk '{ v[NR] = $1 } END { printf "%s (%s to %s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
  for conns in $CONNS; do
    echo "$conns connection(s), $(awk -v c="$conns" '$2 == c' "$work/alternate" | wc -l) pairs: median rps limits/none" \
      "$(awk -v c="$conns" '$2 == c { printf "%.3f\n", $9 / $3 }' "$work/alternate" | median)," \
      "CPU per request limits/none $(awk -v c="$conns" '$2 == c { printf "%.3f\n", $14 / $8 }' "$work/alternate" | median)," \
      "added p50 $(awk -v c="$conns" '$2 == c { printf "%+.3f\n", $10 - $4 }' "$work/alternate" | median) ms"
  done
  exit 0
fi

declare -A R
rows_before=$(usage_rows); gateway_requests=0
for conns in $CONNS; do
  if [[ " $PATHS " == *" plain "* ]]; then
    R[direct_plain_$conns]=$(run direct_plain_$conns "http://127.0.0.1:$OPENAI_PORT/v1/chat/completions" "$PLAIN" "" $conns)
    R[gw_plain_$conns]=$(run gw_plain_$conns "$GW" "$PLAIN" $KEY $conns)
  fi
  if [[ " $PATHS " == *" stream "* ]]; then
    R[direct_stream_$conns]=$(run direct_stream_$conns "http://127.0.0.1:$STREAM_PORT/openai/v1/chat/completions" "$STREAM" "" $conns)
    R[gw_stream_$conns]=$(run gw_stream_$conns "$GW" "$STREAM" $KEY $conns)
  fi
  if [ $translated_ok = 1 ]; then
    R[direct_translated_$conns]=$(run direct_translated_$conns "http://127.0.0.1:$ANTHROPIC_PORT/v1/messages" "$ANTHROPIC_DIRECT" "" $conns)
    R[gw_translated_$conns]=$(run gw_translated_$conns "$GW" "$TRANSLATED" $KEY $conns)
  fi
  for path in plain stream translated; do
    [ -n "${R[gw_${path}_$conns]:-}" ] && gateway_requests=$((gateway_requests + $(echo "${R[gw_${path}_$conns]}" | awk '{print $4}')))
  done
done
sleep 1
rows_after=$(usage_rows)

ttft_direct_stream=""; ttft_gw_stream=""; ttft_direct_translated=""; ttft_gw_translated=""
if [[ " $PATHS " == *" stream "* ]] && [ "$TTFT_SAMPLES" -gt 0 ]; then
  ttft_direct_stream=$(ttft "http://127.0.0.1:$STREAM_PORT/openai/v1/chat/completions" "$STREAM" "")
  ttft_gw_stream=$(ttft "$GW" "$STREAM" $KEY)
fi
if [ $translated_ok = 1 ] && [ "$TTFT_SAMPLES" -gt 0 ]; then
  ttft_direct_translated=$(ttft "http://127.0.0.1:$ANTHROPIC_PORT/v1/messages" "$ANTHROPIC_DIRECT" "")
  ttft_gw_translated=$(ttft "$GW" "$TRANSLATED" $KEY)
fi
peak_rss_mb=$(sort -n "$work/rss" | tail -1 | awk '{printf "%.0f", $1 / 1024}')
median_rss_mb=$(sort -n "$work/rss" | awk '{ a[NR] = $1 } END { printf "%.0f", a[int((NR + 1) / 2)] / 1024 }')
if [ "${BENCH_NMT:-0}" = 1 ]; then # where the resident memory is, and the live heap (after a full collection)
  "$JAVA_HOME/bin/jcmd" "$gw_pid" VM.native_memory summary >"$work/nmt.txt" 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$gw_pid" GC.run >/dev/null 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$gw_pid" GC.heap_info >"$work/heap.txt" 2>&1 || true
fi
kill "$rss_pid" 2>/dev/null || true; rss_pid=""

# Portkey's OSS gateway, pinned like the gateway, against the same mocks: plain and stream (the gateway stays up, idle)
if [ "${BENCH_PORTKEY:-0}" = 1 ]; then
  [ -d bench/portkey/node_modules ] || (cd bench/portkey && npm ci --no-audit --no-fund >/dev/null)
  (cd bench/portkey && exec ${GW_PIN[@]+"${GW_PIN[@]}"} node serve.mjs --port=$PORTKEY_PORT --headless) >"$work/portkey.log" 2>&1 &
  pk_pid=$!  # node itself: the subshell execs taskset, which execs node
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORTKEY_PORT/" >/dev/null && break; sleep 0.5; done
  PK=http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions
  pk_plain="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$OPENAI_PORT/v1"
  pk_stream="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$STREAM_PORT/openai/v1"
  for path in plain stream; do
    [[ " $PATHS " == *" $path "* ]] || continue
    headers=$pk_plain; [ $path = stream ] && headers=$pk_stream
    HEADERS=$headers BODY=${BODY_OF[$path]} KEY=sk-bench-openai ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} \
      wrk -t2 -c16 -d"${WARMUP}s" -s bench/post.lua "$PK" >/dev/null 2>&1
    for conns in $CONNS; do
      R[pk_${path}_$conns]=$(SERVER_PID=$pk_pid HEADERS=$headers run pk_${path}_$conns "$PK" "${BODY_OF[$path]}" sk-bench-openai $conns)
    done
  done
  kill "$pk_pid" 2>/dev/null; wait "$pk_pid" 2>/dev/null || true
fi

# ---- report ----
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); load before run: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "JVM: ${BENCH_JAVA_CMD:-bin/switchboard (bin/jvm.options)} $JVM_OPTS; wrk ${DURATION}s per run (-t1 -c1, -t2 -c32); $(
  [ "${BENCH_PIN:-0}" = 1 ] && echo "pinned: gateway (and Portkey) on core 0, nginx and wrk on core 1" || echo "gateway, nginx and wrk share the machine").$(
  [ "${BENCH_LIMITS:-0}" = 1 ] && echo " BENCH_LIMITS=1.")$([ "${BENCH_ROUTES:-0}" = 1 ] && echo " BENCH_ROUTES=1.")$(
  [ "$DB" = postgres ] && echo " PostgreSQL (schema $SCHEMA)$([ "${BENCH_REDIS:-1}" = 1 ] && echo " + Redis")." || echo " SQLite.")$(
  [ "$PREFILL" -gt 0 ] && echo " Prefilled with $PREFILL usage records.")"
echo
# row NAME PATH CONNS: one table row of that server's run against the direct run of the same path and connections
row() {
  read -r drps dp50 dp99 _ dp90 _ <<<"${R[direct_${2}_$3]}"
  read -r grps gp50 gp99 _ gp90 gcpu <<<"${R[${1}_${2}_$3]}"
  awk -v p="$2" -v c="$3" -v dr="$drps" -v gr="$grps" -v d5="$dp50" -v d9="$dp99" -v g5="$gp50" -v g9="$gp99" -v d8="$dp90" -v g8="$gp90" \
    -v cpu="$gcpu" 'BEGIN { printf "| %s | %s | %.0f | %.0f | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %d (%.0f) |\n", p, c, dr, gr, d5, d8, d9, g5, g8, g9, g5 - d5, g8 - d8, g9 - d9, cpu, (cpu > 0 ? 1e6 / cpu : 0) }'
}
echo "| path | conns | direct rps | gateway rps | direct p50 / p90 / p99 ms | gateway p50 / p90 / p99 ms | added p50 / p90 / p99 ms | gateway CPU µs per request (rps per core) |"
echo "|---|---|---|---|---|---|---|---|"
for path in plain stream translated; do
  for conns in $CONNS; do
    [ -n "${R[gw_${path}_$conns]:-}" ] && row gw $path $conns
  done
done
if [ "${BENCH_PORTKEY:-0}" = 1 ]; then
  echo
  echo "| Portkey $(node -p "require('./bench/portkey/node_modules/@portkey-ai/gateway/package.json').version"), path | conns | direct rps | Portkey rps | direct p50 / p90 / p99 ms | Portkey p50 / p90 / p99 ms | added p50 / p90 / p99 ms | Portkey CPU µs per request (rps per core) |"
  echo "|---|---|---|---|---|---|---|---|"
  for path in plain stream; do
    for conns in $CONNS; do
      [ -n "${R[pk_${path}_$conns]:-}" ] && row pk $path $conns
    done
  done
  for path in plain stream; do
    for conns in $CONNS; do
      [ -n "${R[pk_${path}_$conns]:-}" ] && [ -n "${R[gw_${path}_$conns]:-}" ] && awk -v p=$path -v c=$conns \
        -v g="$(echo "${R[gw_${path}_$conns]}" | awk '{print $1}')" -v k="$(echo "${R[pk_${path}_$conns]}" | awk '{print $1}')" \
        -v gc="$(echo "${R[gw_${path}_$conns]}" | awk '{print $6}')" -v kc="$(echo "${R[pk_${path}_$conns]}" | awk '{print $6}')" \
        'BEGIN { printf "Switchboard / Portkey, %s at %s connection(s): %.0f / %.0f rps = %.1fx; by CPU per request %d / %d us = %.1fx\n", p, c, g, k, g / k, gc, kc, (gc > 0 ? kc / gc : 0) }'
    done
  done
fi
if [ -n "$ttft_gw_stream" ]; then
  echo
  echo "| time to first byte, 1 connection, ${TTFT_SAMPLES} requests | direct p50 / p99 ms | gateway p50 / p99 ms |"
  echo "|---|---|---|"
  echo "| stream, same dialect (OpenAI client -> OpenAI-format upstream) | ${ttft_direct_stream/ / \/ } | ${ttft_gw_stream/ / \/ } |"
  [ -n "$ttft_gw_translated" ] && echo "| stream, translated (OpenAI client -> Anthropic upstream) | ${ttft_direct_translated/ / \/ } | ${ttft_gw_translated/ / \/ } |"
fi
echo
if [ $translated_ok = 1 ] && [[ " $PATHS " == *" stream "* ]]; then
  for conns in $CONNS; do
    awk -v c="$conns" -v s="$(echo "${R[gw_stream_$conns]}" | awk '{print $1}')" -v t="$(echo "${R[gw_translated_$conns]}" | awk '{print $1}')" \
      'BEGIN { printf "Translation throughput at %s connection(s): %.0f rps vs %.0f rps same-dialect (%.1f%% of it)\n", c, t, s, 100 * t / s }'
  done
fi
echo "Peak gateway RSS during the runs: ${peak_rss_mb} MB (median of the 0.5 s samples from the warm-up on: ${median_rss_mb} MB)"
[ -f "$work/nmt.txt" ] && { echo; echo "Native memory (jcmd VM.native_memory summary, after the runs):"; grep -E "^(Total|-)" "$work/nmt.txt" | sed 's/^/    /'; echo; }
[ -f "$work/heap.txt" ] && { echo "Heap after a full collection (jcmd GC.heap_info):"; grep -v "^[0-9]*:$" "$work/heap.txt" | sed 's/^/    /'; }
[ "$PREFILL" -gt 0 ] && echo "Prefill: $prefill_report"
echo "Usage records written during the measured runs: $((rows_after - rows_before)); requests wrk completed through the gateway: $gateway_requests (records >= completed: requests cut off when wrk stops are recorded too)"
