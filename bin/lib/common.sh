# Shared by bin/stack, bin/test and bin/dev-services: repository paths, the JDK, logging, ports.
# shellcheck shell=bash

KN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KN_LOCAL="$KN_ROOT/.local"
KN_RUN="$KN_LOCAL/run"
mkdir -p "$KN_RUN"

say()  { printf '\033[1m%s\033[0m\n' "$*" >&2; }
info() { printf '  %s\n' "$*" >&2; }
die()  { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The major version of a java executable ("17", "21", "25").
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Exports JAVA_HOME pointing at a JDK 21 or newer: JAVA_HOME if it is one, else the newest under
# /usr/lib/jvm, /opt/java or /usr/java, else `java` on PATH. The Debian default is often 17.
find_jdk() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/java/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$candidate; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] || die "a JDK 21 or newer is needed (found none in JAVA_HOME, /usr/lib/jvm, /opt/java or on PATH); install one, e.g. apt-get install openjdk-21-jdk or Temurin 21"
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to $2 seconds for command $1 (a string) to succeed.
wait_for() {
  local check=$1 deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    eval "$check" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# pid file helpers: only processes we started have one, so `down` never stops someone else's server.
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid_file() {
  local file=$1 name=$2 pid
  pid_alive "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  kill "$pid" 2>/dev/null
  if ! wait_for "! kill -0 $pid" 30; then
    info "$name (pid $pid) did not stop in 30 s; killing it"
    kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$file"
}

# Runs Maven through the wrapper with the JDK found above.
mvnw() { "$KN_ROOT/mvnw" "$@"; }

# The --test-reporter arguments for node's test runner: spec on the terminal, and under bin/test
# (KN_TEST_REPORTS and KN_TEST_REPORT_NAME set) a TAP report that bin/test counts into its totals.
node_test_reporters() {
  printf '%s\n' --test-reporter=spec --test-reporter-destination=stdout
  if [ -n "${KN_TEST_REPORTS:-}" ] && [ -n "${KN_TEST_REPORT_NAME:-}" ]; then
    printf '%s\n' --test-reporter=tap "--test-reporter-destination=$KN_TEST_REPORTS/$KN_TEST_REPORT_NAME.tap"
  fi
}
