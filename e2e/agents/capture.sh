#!/usr/bin/env bash
# Captures the requests Codex and Claude Code send, each run headless against mock-gateway.mjs inside a network
# namespace with loopback only (no route to any real provider): unshare -n needs root or user namespaces.
# Output: one JSON file per request under $1 (default ./captures), keys redacted.
set -euo pipefail
cd "$(dirname "$0")"
out="$(realpath -m "${1:-captures}")"
home="$(mktemp -d)"
mkdir -p "$home/.codex" "$out/codex" "$out/claude"
cat > "$home/.codex/config.toml" <<TOML
model = "gpt-4o-mini"
model_provider = "switchboard"
[model_providers.switchboard]
name = "Switchboard"
base_url = "http://127.0.0.1:18080/v1"
env_key = "SWITCHBOARD_API_KEY"
wire_api = "responses"
TOML
unshare -n sh -c '
  ip link set lo up
  CAPTURE_DIR="'"$out"'/codex" PORT=18080 node mock-gateway.mjs & mock=$!
  sleep 1
  HOME="'"$home"'" CODEX_HOME="'"$home"'/.codex" SWITCHBOARD_API_KEY=sk-sb-capture timeout 120 \
    node_modules/.bin/codex exec --skip-git-repo-check "Say hello" </dev/null > "'"$out"'/codex.log" 2>&1 || true
  kill $mock
  CAPTURE_DIR="'"$out"'/claude" PORT=18080 node mock-gateway.mjs & mock=$!
  sleep 1
  HOME="'"$home"'" ANTHROPIC_BASE_URL=http://127.0.0.1:18080 ANTHROPIC_API_KEY=sk-sb-capture timeout 120 \
    node_modules/.bin/claude -p "Say hello" --model claude-sonnet-4-5 </dev/null > "'"$out"'/claude.log" 2>&1 || true
  kill $mock
'
echo "captured into $out"
