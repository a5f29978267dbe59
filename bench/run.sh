#!/usr/bin/env bash
# Switchboard benchmark: requests/s, latency added by the gateway (gateway minus direct-to-mock, p50/p99), time to
# first token, and the gateway's peak RSS, for non-streaming and streaming chat at 1 and 32 connections, plus a
# streamed translation (OpenAI client -> Anthropic upstream). Mock upstreams are nginx serving static answers in each
# provider's wire format. Everything listens on 127.0.0.1; every load run is bounded in time.
#
#   bash bench/run.sh                 # full run (~6 minutes); prints a Markdown table at the end
#   BENCH_DURATION=5 bash bench/run.sh  # quicker, noisier
#   BENCH_JAR=/path/to/other.jar bash bench/run.sh  # a given build instead of this tree's (see compare.sh)
#   BENCH_POOL=1 bash bench/run.sh  # OpenAI and Groq served by three admin pool keys each instead of the env key
#   BENCH_FAULTS=1 bash bench/run.sh  # 10% of OpenAI and Groq calls answer 503; each model gets a second, fault-free
#                                     # deployment (GitHub Models, OpenRouter) and 2 retries: the client should see no errors
#   BENCH_LIMITS=1 bash bench/run.sh  # every request by a member-mode user spending credits, through a gateway key with
#                                     # daily and monthly budgets and an RPM limit (too high to refuse), under org limits
#
# Needs: wrk, nginx (nginx-light), curl, sqlite3, python3, Java 25. On a fresh Debian machine:
#   apt-get install -y wrk nginx-light curl sqlite3
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-20}
TTFT_SAMPLES=${BENCH_TTFT_SAMPLES:-300}
BASE_PORT=${BENCH_PORT_BASE:-18480} # the gateway's port; the mocks take the next five (another base lets two runs coexist)
GW_PORT=${BENCH_GATEWAY_PORT:-$BASE_PORT}
OPENAI_PORT=$((BASE_PORT + 1)); STREAM_PORT=$((BASE_PORT + 2)); ANTHROPIC_PORT=$((BASE_PORT + 3)); FAULT_OPENAI_PORT=$((BASE_PORT + 4))
FAULT_STREAM_PORT=$((BASE_PORT + 5))
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JVM_OPTS=${BENCH_JVM_OPTS:--XX:+UseSerialGC -Xms128m -Xmx256m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k}
KEY=sk-sb-bench-admin-key-0123456789abcdef

for tool in wrk nginx curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx-light curl sqlite3 python3" >&2; exit 1; }
done

work=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi,data}
chmod 755 "$work"  # nginx workers read the answers as an unprivileged user
gw_pid=""; rss_pid=""
cleanup() {
  [ -n "$rss_pid" ] && kill "$rss_pid" 2>/dev/null || true
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s quit 2>/dev/null || true
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
nginx -c "$work/nginx.conf" -p "$work"

SWITCHBOARD_DATA_DIR="$work/data" SERVER_PORT=$GW_PORT SWITCHBOARD_ADMIN_API_KEY=$KEY \
  OPENAI_API_KEY=sk-bench-openai OPENAI_BASE_URL=http://127.0.0.1:$UP_OPENAI/v1 \
  GROQ_API_KEY=gsk-bench-groq GROQ_BASE_URL=http://127.0.0.1:$UP_STREAM/openai/v1 \
  GITHUB_TOKEN=github-bench GITHUB_MODELS_BASE_URL=http://127.0.0.1:$OPENAI_PORT/inference \
  OPENROUTER_API_KEY=sk-or-bench OPENROUTER_BASE_URL=http://127.0.0.1:$STREAM_PORT/api/v1 \
  ANTHROPIC_API_KEY=sk-ant-bench ANTHROPIC_BASE_URL=http://127.0.0.1:$ANTHROPIC_PORT \
  "$JAVA_HOME/bin/java" $JVM_OPTS --enable-native-access=ALL-UNNAMED -jar "$JAR" \
  >"$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 360); do curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null && break; sleep 0.5; done # up to 3 min on a busy machine
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
if [ "${BENCH_LIMITS:-0}" = 1 ]; then # budgets, an RPM limit and member credits on every request
  api=http://127.0.0.1:$GW_PORT; admin=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
  field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
  curl -sf -o /dev/null "${admin[@]}" -X PUT -d '{"require_credits":true,"daily_limit_usd":1000000,"monthly_limit_usd":1000000}' \
    "$api/api/admin/organisation" || { echo "could not set the organisation's limits"; exit 1; }
  uid=$(curl -sf "${admin[@]}" -d '{"email":"bench@example.test","password":"bench-password-123","role":"user"}' "$api/api/admin/users" | field id)
  curl -sf -o /dev/null "${admin[@]}" -X PATCH -d '{"credits_grant":1000000}' "$api/api/admin/users/$uid"
  token=$(curl -sf -d username=bench@example.test -d password=bench-password-123 "$api/api/login/access-token" | field access_token)
  KEY=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"bench","daily_budget_usd":1000000,"monthly_budget_usd":1000000,"rpm_limit":10000000}' \
    "$api/api/users/me/gateway-keys" | field key)
  [ -n "$KEY" ] || { echo "could not create the limited bench key"; exit 1; }
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
usage_rows() { sqlite3 "$work/data/switchboard.db" "SELECT COUNT(*) FROM usage_records" 2>/dev/null || echo 0; }

# run NAME URL BODY KEY CONNECTIONS -> prints "rps p50 p99 requests" and keeps wrk's output
run() {
  local name=$1 url=$2 body=$3 key=$4 conns=$5 threads=1
  [ "$conns" -gt 1 ] && threads=2
  BODY=$body KEY=$key wrk -t$threads -c"$conns" -d"${DURATION}s" --latency -s bench/post.lua "$url" >"$work/$name.txt" 2>&1
  local rps p50 p99 reqs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/$name.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/$name.txt")")
  reqs=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  if grep -q "Non-2xx\|first non-2xx" "$work/$name.txt"; then echo "WARNING: $name had non-2xx answers:" >&2; grep -i "non-2xx" "$work/$name.txt" >&2; fi
  echo "$rps $p50 $p99 $reqs"
}

# ttft URL BODY KEY -> median and p99 of curl's time to first byte, in ms, over TTFT_SAMPLES sequential requests
ttft() {
  local url=$1 body=$2 key=$3
  for _ in $(seq 1 "$TTFT_SAMPLES"); do
    curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'Content-Type: application/json' ${key:+-H "Authorization: Bearer $key"} -d "$body" "$url"
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f %.3f", a[int(NR * 0.5) + 1] * 1000, a[int(NR * 0.99)] * 1000 }'
}

echo "warming up the gateway (${WARMUP}s per path)..." >&2
for body in "$PLAIN" "$STREAM" "$TRANSLATED"; do
  BODY=$body KEY=$KEY wrk -t2 -c16 -d"${WARMUP}s" -s bench/post.lua "$GW" >/dev/null 2>&1
done
translated_ok=1
if ! curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" -d "$TRANSLATED" "$GW" >/dev/null; then
  translated_ok=0; echo "the translated path (claude via Anthropic upstream) does not answer 2xx: skipping it" >&2
fi

declare -A R
rows_before=$(usage_rows); gateway_requests=0
for conns in 1 32; do
  R[direct_plain_$conns]=$(run direct_plain_$conns "http://127.0.0.1:$OPENAI_PORT/v1/chat/completions" "$PLAIN" "" $conns)
  R[gw_plain_$conns]=$(run gw_plain_$conns "$GW" "$PLAIN" $KEY $conns)
  R[direct_stream_$conns]=$(run direct_stream_$conns "http://127.0.0.1:$STREAM_PORT/openai/v1/chat/completions" "$STREAM" "" $conns)
  R[gw_stream_$conns]=$(run gw_stream_$conns "$GW" "$STREAM" $KEY $conns)
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

ttft_direct_stream=$(ttft "http://127.0.0.1:$STREAM_PORT/openai/v1/chat/completions" "$STREAM" "")
ttft_gw_stream=$(ttft "$GW" "$STREAM" $KEY)
ttft_direct_translated=""; ttft_gw_translated=""
if [ $translated_ok = 1 ]; then
  ttft_direct_translated=$(ttft "http://127.0.0.1:$ANTHROPIC_PORT/v1/messages" "$ANTHROPIC_DIRECT" "")
  ttft_gw_translated=$(ttft "$GW" "$TRANSLATED" $KEY)
fi
peak_rss_mb=$(sort -n "$work/rss" | tail -1 | awk '{printf "%.0f", $1 / 1024}')

# ---- report ----
echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); load before run: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "JVM: $JVM_OPTS; wrk ${DURATION}s per run (-t1 -c1, -t2 -c32); gateway, nginx and wrk share the machine."
echo
echo "| path | conns | direct rps | gateway rps | direct p50 / p99 ms | gateway p50 / p99 ms | added p50 / p99 ms |"
echo "|---|---|---|---|---|---|---|"
for path in plain stream translated; do
  for conns in 1 32; do
    [ -n "${R[gw_${path}_$conns]:-}" ] || continue
    read -r drps dp50 dp99 _ <<<"${R[direct_${path}_$conns]}"
    read -r grps gp50 gp99 _ <<<"${R[gw_${path}_$conns]}"
    awk -v p="$path" -v c="$conns" -v dr="$drps" -v gr="$grps" -v d5="$dp50" -v d9="$dp99" -v g5="$gp50" -v g9="$gp99" \
      'BEGIN { printf "| %s | %s | %.0f | %.0f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f |\n", p, c, dr, gr, d5, d9, g5, g9, g5 - d5, g9 - d9 }'
  done
done
echo
echo "| time to first byte, 1 connection, ${TTFT_SAMPLES} requests | direct p50 / p99 ms | gateway p50 / p99 ms |"
echo "|---|---|---|"
echo "| stream, same dialect (OpenAI client -> OpenAI-format upstream) | ${ttft_direct_stream/ / \/ } | ${ttft_gw_stream/ / \/ } |"
[ $translated_ok = 1 ] && echo "| stream, translated (OpenAI client -> Anthropic upstream) | ${ttft_direct_translated/ / \/ } | ${ttft_gw_translated/ / \/ } |"
echo
if [ $translated_ok = 1 ]; then
  for conns in 1 32; do
    awk -v c="$conns" -v s="$(echo "${R[gw_stream_$conns]}" | awk '{print $1}')" -v t="$(echo "${R[gw_translated_$conns]}" | awk '{print $1}')" \
      'BEGIN { printf "Translation throughput at %s connection(s): %.0f rps vs %.0f rps same-dialect (%.1f%% of it)\n", c, t, s, 100 * t / s }'
  done
fi
echo "Peak gateway RSS during the runs: ${peak_rss_mb} MB"
echo "Usage records written during the measured runs: $((rows_after - rows_before)); requests wrk completed through the gateway: $gateway_requests (records >= completed: requests cut off when wrk stops are recorded too)"
