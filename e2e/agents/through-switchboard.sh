#!/usr/bin/env bash
# Runs Codex and Claude Code headless through a real Switchboard (the built jar) whose providers are mock-gateway.mjs,
# all inside a network namespace with loopback only: Codex speaks the Responses API to a Claude model (translated to
# Anthropic's Messages API), Claude Code speaks Messages to gpt-4o-mini (translated to chat completions). Prints what
# each agent answered and what reached the mock provider. Needs `unshare -n` (root or user namespaces) and the jar.
set -euo pipefail
cd "$(dirname "$0")"
jar="$(ls ../../target/switchboard-*.jar | head -1)"
work="$(mktemp -d)"
mkdir -p "$work/.codex" "$work/upstream" "$work/data"
cat > "$work/.codex/config.toml" <<TOML
model = "claude-sonnet-4-5"
model_provider = "switchboard"
[model_providers.switchboard]
name = "Switchboard"
base_url = "http://127.0.0.1:18081/v1"
env_key = "SWITCHBOARD_API_KEY"
wire_api = "responses"
TOML
key=sk-sb-agents-through-switchboard-0001
unshare -n sh -c '
  ip link set lo up
  CAPTURE_DIR="'"$work"'/upstream" PORT=18080 node mock-gateway.mjs & mock=$!
  SERVER_PORT=18081 SWITCHBOARD_DATA_DIR="'"$work"'/data" SWITCHBOARD_ADMIN_API_KEY='"$key"' \
    ANTHROPIC_BASE_URL=http://127.0.0.1:18080 ANTHROPIC_API_KEY=mock OPENAI_BASE_URL=http://127.0.0.1:18080/v1 OPENAI_API_KEY=mock \
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar "'"$jar"'" > "'"$work"'/switchboard.log" 2>&1 & gw=$!
  for i in $(seq 1 90); do curl -sf http://127.0.0.1:18081/health >/dev/null 2>&1 && break; sleep 1; done
  HOME="'"$work"'" CODEX_HOME="'"$work"'/.codex" SWITCHBOARD_API_KEY='"$key"' timeout 120 \
    node_modules/.bin/codex exec --skip-git-repo-check "Say hello" </dev/null > "'"$work"'/codex.log" 2>&1 || true
  HOME="'"$work"'" ANTHROPIC_BASE_URL=http://127.0.0.1:18081 ANTHROPIC_API_KEY='"$key"' timeout 120 \
    node_modules/.bin/claude -p "Say hello" --model gpt-4o-mini </dev/null > "'"$work"'/claude.log" 2>&1 || true
  kill $gw $mock
'
echo "== codex (claude-sonnet-4-5 through /v1/responses)"; tail -5 "$work/codex.log"
echo "== claude (gpt-4o-mini through /v1/messages)"; tail -5 "$work/claude.log"
echo "== requests that reached the mock provider"; ls "$work/upstream"
echo "(all in $work)"
