#!/usr/bin/env bash
# A BENCH_HOOK for bench/run.sh: 14 s of 32 connections on the first path, and the gateway's CPU ticks per thread
# (grouped by name, numbers stripped) over 10 s of it, from /proc/GW_PID/task/*/stat: which threads take the CPU.
#   BENCH_HOOK="bash bench/hooks/threads.sh" BENCH_PATHS=plain BENCH_CONNS=32 bash bench/run.sh
set -euo pipefail
snap() { for t in /proc/"$GW_PID"/task/*; do echo "$(basename "$t") $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) $(tr ' ' '_' <"$t/comm" 2>/dev/null)"; done | sort; }
(BODY=$GW_BODY KEY=$KEY wrk -t2 -c32 -d14s -s bench/post.lua "$GW" | grep Requests/sec) &
sleep 2; before=$(snap); sleep 10; after=$(snap); wait
join <(echo "$before") <(echo "$after") | awk '{ d = $4 - $2; n = $3; sub(/[-_]?[0-9]+$/, "", n); s[n] += d; all += d }
  END { for (k in s) if (s[k] > 0) printf "%6d %s\n", s[k], k; printf "%6d TOTAL\n", all }' | sort -rn | head -12 >&2
