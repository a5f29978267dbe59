#!/usr/bin/env bash
# Where a running gateway's resident memory is, over time: RSS every 2 s, and every BENCH_MEMWATCH_EVERY seconds (30)
# the heap (jcmd GC.heap_info) and, when the JVM runs with -XX:NativeMemoryTracking, its NMT summary; until the process
# ends. Prints the peak and the median RSS at the end (and writes every sample into OUT_DIR).
#
#   bash bench/memwatch.sh PORT OUT_DIR   # the JVM listening on 127.0.0.1:PORT (e.g. bench/run.sh's gateway)
set -euo pipefail
port=$1; out=$2; every=${BENCH_MEMWATCH_EVERY:-30}
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$out"
pid=""
for _ in $(seq 1 900); do
  pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2) || true
  [ -n "$pid" ] && break; sleep 1
done
[ -n "$pid" ] || { echo "nothing listens on $port" >&2; exit 1; }
start=$(date +%s); last=0
while kill -0 "$pid" 2>/dev/null; do
  now=$(date +%s)
  echo "$((now - start)) $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)" >>"$out/rss"
  if [ $((now - last)) -ge "$every" ]; then
    last=$now
    { echo "## t=$((now - start))s"; "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null | grep -v "^$pid:"; } >>"$out/heap" || true
    { echo "## t=$((now - start))s"; "$JAVA_HOME/bin/jcmd" "$pid" VM.native_memory summary 2>/dev/null | grep -E "^(Total|-)"; } >>"$out/nmt" || true
  fi
  sleep 2
done
awk 'NF == 2 && $2 > 0 { print $2 }' "$out/rss" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "RSS: peak %.0f MB, median %.0f MB over %d samples (2 s)\n", a[NR] / 1024, a[int((NR + 1) / 2)] / 1024, NR }'
