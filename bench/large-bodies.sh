#!/usr/bin/env bash
# Headroom for large request bodies: N chat completions (3 by default) of about MB megabytes each (30 by default; the API
# accepts up to 32 MB) sent at once to a running gateway, e.g. bench/run.sh's during its load; prints each one's HTTP
# status and time. With the JVM's heap too small for them next to the load, they fail (500, or the gateway's
# OutOfMemoryError in its log) instead of 200.
#
#   bash bench/large-bodies.sh http://127.0.0.1:18480 sk-sb-bench-admin-key-0123456789abcdef [N] [MB]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bench/large-bodies.sh API_URL KEY [N] [MB]" >&2; exit 2; }
api=$1; key=$2; n=${3:-3}; mb=${4:-30}
body=$(mktemp /tmp/switchboard-large-body.XXXXXX)
trap 'rm -f "$body"' EXIT
# ordinary prose (words and spaces: the tokenizer's usual case), as one user message
python3 - "$body" "$mb" <<'PY'
import json, sys
words = "the gateway forwards this long prompt to the upstream model and records its usage once ".split()
text = " ".join(words[i % len(words)] for i in range(int(sys.argv[2]) * 1024 * 1024 // 6))
open(sys.argv[1], "w").write(json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}]}))
PY
echo "body: $(( $(stat -c %s "$body") / 1024 / 1024 )) MB, $n at once" >&2
for i in $(seq 1 "$n"); do
  curl -s -o /dev/null -w "large body $i: HTTP %{http_code} in %{time_total} s\n" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' --data-binary "@$body" "$api/v1/chat/completions" &
done
wait
