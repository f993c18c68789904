#!/usr/bin/env bash
# The stack tests (test/stack/*.sh) against the whole platform as bin/stack runs it: every service from
# the jar `maven verify` has just built (production profile), the web app's standalone server, the dev
# services and the emulators. Brings the stack up unless it is already running, runs every executable
# test/stack/*.sh with the stack's addresses exported (test/stack/README.md), passes their
# PASS/FAIL/SKIP lines on (bin/test counts them), and stops the stack at the end only if it started it.
# A stack that does not come up is one FAIL line naming what did not start, followed by its log's end.
#
#   test/suites/stack.sh            KN_STACK_TIMEOUT (s, default 240): how long bin/stack up may wait
#                                   KN_STACK_TEST_TIMEOUT (s, default 600): how long one test may run
set -uo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
cd "$KN_ROOT" || exit 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# Whether any service of bin/stack is running (its pid files are the only ones it trusts).
stack_running() {
  local pidfile
  for pidfile in "$KN_RUN"/stack-*.pid; do
    pid_alive "$pidfile" && return 0
  done
  return 1
}

started_here=false
stack_running || started_here=true
info "stack: bin/stack up ($([ "$started_here" = true ] && echo "starting it; stopped at the end" || echo "already running here; left running"))"
if ! KN_STACK_TIMEOUT=${KN_STACK_TIMEOUT:-240} "$KN_ROOT/bin/stack" up >"$work/up.log" 2>&1; then
  # bin/stack's own last error names the service ("web exited at start", "not ready after 240 s: ...")
  # and it prints the end of that service's log before it.
  reason=$(sed 's/\x1b\[[0-9;]*m//g' "$work/up.log" | grep '^error: ' | tail -1 | sed 's/^error: //')
  echo "FAIL stack: bin/stack up failed: ${reason:-no error line, see the output below}"
  sed 's/\x1b\[[0-9;]*m//g' "$work/up.log" | tail -40 | sed 's/^/    /'
  if [ "$started_here" = true ]; then "$KN_ROOT/bin/stack" down >/dev/null 2>&1 || true; fi
  exit 1
fi
sed -n '/^SERVICE /,$p' "$work/up.log" | sed 's/^/  /' >&2

# The stack's addresses, as bin/stack's fixed ports give them (test/stack/README.md).
export KN_GATEWAY_URL=http://127.0.0.1:8080
export KN_WEB_URL=http://127.0.0.1:8087
export KN_GRAPHQL_URL=http://127.0.0.1:8081/graphql
export KN_COLLAB_URL=ws://127.0.0.1:8082/collab
export KN_EMULATORS_URL=http://127.0.0.1:8089
export KN_STACK_DIR="$KN_LOCAL/stack"
export KN_DEMO_CREDENTIALS="$KN_LOCAL/stack/demo-credentials.txt"
# Screenshots, traces and other files a test keeps, one folder per test; they outlive the run (bin/test
# removes its report folder at the end), so CI can upload them.
export KN_TEST_ARTIFACTS=${KN_TEST_ARTIFACTS:-$KN_LOCAL/test-artifacts}
mkdir -p "$KN_TEST_ARTIFACTS"

for test in "$KN_ROOT"/test/stack/*.sh; do
  [ -e "$test" ] || continue
  name=stack/$(basename "$test" .sh)
  if [ ! -x "$test" ]; then
    echo "FAIL $name: ${test#"$KN_ROOT"/} is not executable (chmod +x it)"
    status=1
    continue
  fi
  info "stack test: ${test#"$KN_ROOT"/}"
  started=$SECONDS
  timeout --kill-after=10 "${KN_STACK_TEST_TIMEOUT:-600}" "$test" </dev/null > >(tee "$work/out") 2>&1
  code=$?
  wait   # for tee
  if [ "$code" -eq 124 ]; then
    echo "FAIL $name: did not finish within ${KN_STACK_TEST_TIMEOUT:-600} s"
    status=1
  elif [ "$code" -ne 0 ] && ! grep -q '^FAIL ' "$work/out"; then
    echo "FAIL $name: exited $code without naming a failed case"
    status=1
  elif ! grep -Eq '^(PASS|FAIL|SKIP) ' "$work/out"; then
    echo "FAIL $name: printed no PASS, FAIL or SKIP line (a test that says nothing has not passed)"
    status=1
  fi
  grep -q '^FAIL ' "$work/out" && status=1
  info "stack test: $name took $((SECONDS - started)) s"
done

if [ "$started_here" = true ]; then
  info "stack: bin/stack down (this suite started it)"
  "$KN_ROOT/bin/stack" down >/dev/null 2>&1 || true
fi
exit "$status"
