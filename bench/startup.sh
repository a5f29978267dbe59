#!/usr/bin/env bash
# Start-up and warm-up: the time from launching Switchboard to its first served chat completion (through auth, routing,
# the nginx mock and the committed usage record), then its throughput in 1-second buckets for the first 10 seconds
# of load, against its warm throughput (after a further warm-up) in the same run. Each start is a fresh process;
# the first on an empty data directory (migrations run), the rest restarts on it. The gateway's CPU time per served
# request (its JIT threads' included) in the first 10 s and warm is beside them: on a shared machine it moves less with
# the other load than requests per second do. The warm figure is taken after BENCH_WARM_SECONDS (60 by default) of
# further load: the JIT needs about 60 s of load on this 2-core machine, the same warm-up bench/run.sh gives each path.
#
#   bash bench/startup.sh                       # 3 starts through bin/switchboard (the project's settings)
#   BENCH_STARTS=5 BENCH_CONNS=32 bash bench/startup.sh
#   BENCH_JAVA_CMD="java -XX:+UseSerialGC -Xmx256m -jar" bash bench/startup.sh   # other JVM settings, no launcher
#   BENCH_JAR=/path/to/other.jar bash bench/startup.sh
#   BENCH_PIN=1 bash bench/startup.sh           # the gateway on core 0 alone, wrk and nginx on core 1
#   BENCH_PORT_BASE=18600 bash bench/startup.sh # the gateway on 18600, the mocks on the next five,
#                                               # its management port on 18609 (default 18470, management 9090)
#
# Needs wrk, nginx, curl, python3, Java 25 (like bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

STARTS=${BENCH_STARTS:-3}
CONNS=${BENCH_CONNS:-32}
WARM_SECONDS=${BENCH_WARM_SECONDS:-60}
BASE=${BENCH_PORT_BASE:-18470}
GW_PORT=$BASE; OPENAI_PORT=$((BASE + 1)); STREAM_PORT=$((BASE + 2)); ANTHROPIC_PORT=$((BASE + 3))
# the management port too (the gateway's default, 9090, unless BENCH_PORT_BASE moves the rest)
MANAGEMENT_PORT=${BENCH_PORT_BASE:+$((BASE + 9))}; MANAGEMENT_PORT=${MANAGEMENT_PORT:-9090}
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
KEY=sk-sb-bench-admin-key-0123456789abcdef
JAR=${BENCH_JAR:-target/switchboard-0.1.0-SNAPSHOT.jar}
GW_PIN=(); LOAD_PIN=()
[ "${BENCH_PIN:-0}" = 1 ] && { GW_PIN=(taskset -c 0); LOAD_PIN=(taskset -c 1); }
[ -f "$JAR" ] || JAVA_HOME=$JAVA_HOME ./mvnw -q package -DskipTests

work=$(mktemp -d /tmp/switchboard-startup.XXXXXX)
mkdir -p "$work"/{body,proxy,fastcgi,uwsgi,scgi,data}
chmod 755 "$work"
gw_pid=""
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && nginx -c "$work/nginx.conf" -p "$work" -s quit 2>/dev/null || true
}
trap cleanup EXIT
python3 bench/fixtures.py bench/nginx.conf.template "$work/nginx.conf" "$work" $OPENAI_PORT $STREAM_PORT $ANTHROPIC_PORT $((BASE + 4)) $((BASE + 5))
${LOAD_PIN[@]+"${LOAD_PIN[@]}"} nginx -c "$work/nginx.conf" -p "$work"

PLAIN='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
GW=http://127.0.0.1:$GW_PORT/v1/chat/completions
now_ms() { date +%s%3N; }
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"; } # PID -> its CPU µs
per_request() { awk -v c="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%.0f", c / n; else printf "-" }'; }
served() { curl -sf -o /dev/null -m 2 -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" -d "$PLAIN" "$GW"; }
rps() { # SECONDS -> requests/s of one wrk run at CONNS connections
  BODY=$PLAIN KEY=$KEY ${LOAD_PIN[@]+"${LOAD_PIN[@]}"} wrk -t2 -c"$CONNS" -d"${1}s" -s bench/post.lua "$GW" 2>&1 | awk '/^Requests\/sec/ {printf "%.0f", $2}'
}

echo "| start | launch to first served request ms | first 10 s, rps per second | mean of the 10 s | warm rps | first 10 s / warm | CPU µs per request, first 10 s / warm |"
echo "|---|---|---|---|---|---|---|"
for start in $(seq 1 "$STARTS"); do
  t0=$(now_ms)
  SWITCHBOARD_DATA_DIR="$work/data" SERVER_PORT=$GW_PORT SWITCHBOARD_MANAGEMENT_PORT=$MANAGEMENT_PORT SWITCHBOARD_ADMIN_API_KEY=$KEY \
    OPENAI_API_KEY=sk-bench-openai OPENAI_BASE_URL=http://127.0.0.1:$OPENAI_PORT/v1 \
    JAVA_HOME=$JAVA_HOME SWITCHBOARD_JAR="$JAR" \
    ${GW_PIN[@]+"${GW_PIN[@]}"} ${BENCH_JAVA_CMD:-bin/switchboard} ${BENCH_JAVA_CMD:+"$JAR"} >"$work/gateway-$start.log" 2>&1 &
  gw_pid=$!
  until served; do
    kill -0 "$gw_pid" 2>/dev/null || { echo "the gateway exited"; tail -30 "$work/gateway-$start.log"; exit 1; }
    sleep 0.02
  done
  first=$(( $(now_ms) - t0 ))
  buckets=(); cpu0=$(cpu_us "$gw_pid")
  for _ in $(seq 1 10); do buckets+=("$(rps 1)"); done
  cold_cpu=$(( $(cpu_us "$gw_pid") - cpu0 ))
  rps "$WARM_SECONDS" >/dev/null
  cpu0=$(cpu_us "$gw_pid"); warm=$(rps 5); warm_cpu=$(( $(cpu_us "$gw_pid") - cpu0 ))
  mean=$(printf '%s\n' "${buckets[@]}" | awk '{ s += $1 } END { printf "%.0f", s / NR }')
  echo "| $start$([ "$start" = 1 ] && echo " (empty data dir)") | $first | ${buckets[*]} | $mean | $warm | $(awk -v m="$mean" -v w="$warm" 'BEGIN { printf "%.0f%%", 100 * m / w }') | $(
    per_request "$cold_cpu" $((mean * 10))) / $(per_request "$warm_cpu" $((warm * 5))) |"
  kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; gw_pid=""
done
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ); load before the last start: $(cut -d' ' -f1-3 /proc/loadavg); ${BENCH_JAVA_CMD:-bin/switchboard (bin/jvm.options)}; wrk -t2 -c$CONNS$(
  [ "${BENCH_PIN:-0}" = 1 ] && echo "; pinned: gateway on core 0, nginx and wrk on core 1")"
