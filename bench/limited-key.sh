#!/usr/bin/env bash
# Sets up the bench's limited caller on a running gateway and prints its gateway key: organisation daily and monthly
# limits with credits required, a member-mode user granted credits, and that user's gateway key with daily and monthly
# budgets and an RPM limit, all too high to refuse, so that every request through the key reserves and settles 5
# budgets and takes from one RPM bucket (bench/run.sh BENCH_LIMITS=1, bench/scale.sh BENCH_LIMITS=1).
#
#   KEY=$(bash bench/limited-key.sh http://127.0.0.1:18480 sk-sb-bench-admin-key-0123456789abcdef)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/limited-key.sh API_URL ADMIN_KEY" >&2; exit 2; }
api=$1; admin=(-H "Authorization: Bearer $2" -H 'Content-Type: application/json')
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
curl -sf -o /dev/null "${admin[@]}" -X PUT -d '{"require_credits":true,"daily_limit_usd":1000000,"monthly_limit_usd":1000000}' \
  "$api/api/admin/organisation" || { echo "could not set the organisation's limits" >&2; exit 1; }
uid=$(curl -sf "${admin[@]}" -d '{"email":"bench@example.test","password":"bench-password-123","role":"user"}' "$api/api/admin/users" | field id)
curl -sf -o /dev/null "${admin[@]}" -X PATCH -d '{"credits_grant":1000000}' "$api/api/admin/users/$uid"
token=$(curl -sf -d username=bench@example.test -d password=bench-password-123 "$api/api/login/access-token" | field access_token)
key=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"bench","daily_budget_usd":1000000,"monthly_budget_usd":1000000,"rpm_limit":10000000}' \
  "$api/api/users/me/gateway-keys" | field key)
[ -n "$key" ] || { echo "could not create the limited bench key" >&2; exit 1; }
echo "$key"
