#!/usr/bin/env bash
# The web app's end-to-end tests (issue 17): Playwright drives Debian's chromium against the running
# stack, through the gateway as a user does (KN_GATEWAY_URL; KN_E2E_BASE_URL points the browser
# elsewhere, e.g. at the app's own server, whose rewrites forward /graphql and /collab to the gateway).
# Installs what it needs (npm ci in web/ without node_modules, chromium when missing), then prints one
# line per test case, PASS <name> / FAIL <name> / SKIP <name>, and exits non-zero on any failure.
# Screenshots: web/e2e/artifacts/.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WEB="$ROOT/web"
export KN_GATEWAY_URL=${KN_GATEWAY_URL:-http://127.0.0.1:8080}
export KN_E2E_BASE_URL=${KN_E2E_BASE_URL:-$KN_GATEWAY_URL}
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

log() { echo "web-e2e: $*" >&2; }

if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing chromium"
    (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }) \
      || { echo "FAIL web-e2e: chromium is missing and could not be installed"; exit 1; }
  else
    echo "FAIL web-e2e: chromium is missing at $CHROMIUM_PATH (install Debian's chromium, or set CHROMIUM_PATH)"; exit 1
  fi
fi
if [ ! -d "$WEB/node_modules/@playwright/test" ]; then
  log "npm ci in web/"
  (cd "$WEB" && npm ci --no-audit --no-fund >/dev/null 2>&1) || { echo "FAIL web-e2e: npm ci in web/ failed"; exit 1; }
fi
if ! curl -sf -o /dev/null -m 10 "$KN_E2E_BASE_URL/healthz"; then
  echo "FAIL web-e2e: the web app does not answer at $KN_E2E_BASE_URL/healthz (is the stack up, and does the gateway route / to the app?)"
  exit 1
fi

mkdir -p "$WEB/e2e/artifacts"
REPORT="$WEB/e2e/artifacts/report.json"
(cd "$WEB" && PW_REPORTER=json PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORT" npx playwright test >/dev/null 2>"$WEB/e2e/artifacts/playwright.stderr")
status=$?

if [ ! -s "$REPORT" ]; then
  echo "FAIL web-e2e: Playwright wrote no report (exit $status); see web/e2e/artifacts/playwright.stderr"
  exit 1
fi
node -e '
  const r = require(process.argv[1]);
  let failed = 0;
  const walk = (suite, prefix) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const last = t.results?.[t.results.length - 1];
        const s = last?.status ?? "skipped";
        const name = `${prefix}${spec.title}`;
        if (s === "passed") console.log(`PASS ${name}`);
        else if (s === "skipped") console.log(`SKIP ${name}`);
        else { failed++; console.log(`FAIL ${name}`); const e = last?.error?.message; if (e) console.error(`  ${name}: ${e.replace(/\u001b\[[0-9;]*m/g, "").split("\n").slice(0, 3).join(" ")}`); }
      }
    }
    for (const child of suite.suites ?? []) walk(child, prefix);
  };
  for (const s of r.suites ?? []) walk(s, "web ");
  for (const e of r.errors ?? []) { failed++; console.log(`FAIL web-e2e: ${String(e.message).split("\n")[0]}`); }
  process.exit(failed ? 1 : 0);
' "$REPORT"
conv=$?
if [ -n "${KN_TEST_ARTIFACTS:-}" ]; then
  mkdir -p "$KN_TEST_ARTIFACTS/web-e2e" && cp -r "$WEB/e2e/artifacts/." "$KN_TEST_ARTIFACTS/web-e2e/" 2>/dev/null || true
fi
[ $status -eq 0 ] && [ $conv -eq 0 ] || exit 1
