#!/usr/bin/env bash
# Stack test: the platform answers through its one entry. The gateway's aggregate health is healthy
# (every service it asks is ready, and the shared dependencies), and the web app's /healthz answers
# through the gateway's origin once the gateway routes pages to it (it then lists "frontend" among the
# services of its health). Run by test/suites/stack.sh against `bin/stack up`; prints PASS/FAIL/SKIP
# lines (test/stack/README.md).
#   KN_GATEWAY_URL (default http://127.0.0.1:8080)   KN_WEB_URL (default http://127.0.0.1:8087)
set -uo pipefail
gateway=${KN_GATEWAY_URL:-http://127.0.0.1:8080}
web=${KN_WEB_URL:-http://127.0.0.1:8087}
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "FAIL gateway-health: $tool is not installed"; exit 1; }
done
body=$(mktemp)
health=$(mktemp)
trap 'rm -f "$body" "$health"' EXIT
failed=0

# get URL: the status code of a GET (000 when nothing answers), the body in $body.
get() { : >"$body"; curl -sS -o "$body" -w '%{http_code}' --max-time 10 "$1" 2>/dev/null || true; }

code=$(get "$gateway/api/v1/health")
cp "$body" "$health"
if [ "$code" = 200 ] && jq -e '.status == "healthy"' "$health" >/dev/null 2>&1; then
  echo "PASS gateway-health: $gateway/api/v1/health is healthy ($(jq -r '[.services | to_entries[] | "\(.key) \(.value)"] | join(", ")' "$health"))"
else
  echo "FAIL gateway-health: $gateway/api/v1/health answered $code, not 200 with status healthy: $(head -c 600 "$health")"
  failed=1
fi

if [ "$(get "$web/healthz")" != 200 ]; then
  echo "SKIP gateway-health: the web app does not run in this stack ($web/healthz does not answer), so its route through the gateway is not checked"
elif ! jq -e '.services | type == "object"' "$health" >/dev/null 2>&1 || [ ! -s "$health" ]; then
  echo "SKIP gateway-health: the gateway's health did not answer, so whether it routes to the web app is unknown"
elif ! jq -e '.services | has("frontend")' "$health" >/dev/null 2>&1; then
  echo "SKIP gateway-health: the gateway does not route to the web app yet (no frontend in its health)"
else
  code=$(get "$gateway/healthz")
  if [ "$code" = 200 ] && jq -e '.status == "ok"' "$body" >/dev/null 2>&1; then
    echo "PASS gateway-health: the web app's /healthz answers through the gateway ($gateway/healthz)"
  else
    echo "FAIL gateway-health: $gateway/healthz answered $code, not the web app's 200 {\"status\":\"ok\"}: $(head -c 400 "$body")"
    failed=1
  fi
fi
exit "$failed"
