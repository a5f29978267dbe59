#!/usr/bin/env bash
# A BENCH_HOOK for bench/run.sh: 15 s of 32 connections on the first path and, 10 s into it, where the gateway's
# resident memory is: /proc status, the AOT cache's mapping (smaps), the heap (GC.heap_info) and, when the gateway runs
# with -XX:NativeMemoryTracking=summary, the JVM's own accounts.
#   BENCH_JVM_OPTS="-XX:NativeMemoryTracking=summary" BENCH_HOOK="bash bench/hooks/memory.sh" BENCH_PATHS=plain BENCH_CONNS=32 bash bench/run.sh
set -euo pipefail
jcmd=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd
(BODY=$GW_BODY KEY=$KEY wrk -t2 -c32 -d15s -s bench/post.lua "$GW" >/dev/null) &
sleep 10
{
  grep -E "VmRSS|RssAnon|RssFile" "/proc/$GW_PID/status"
  awk '/app\.aot/ { f = 1 } f && /^(Rss|Anonymous|Private_Clean):/ { print "app.aot", $1, $2, "kB" } /^VmFlags/ { f = 0 }' "/proc/$GW_PID/smaps"
  "$jcmd" "$GW_PID" GC.heap_info
  "$jcmd" "$GW_PID" VM.native_memory summary 2>/dev/null | grep -E "Total|^-" || true
} >&2
wait
