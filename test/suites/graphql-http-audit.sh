#!/usr/bin/env bash
# The GraphQL-over-HTTP audit (npm graphql-http) against a live knowledge-api started as in
# production from its built jar, on a database of its own that is dropped afterwards. Every MUST and
# SHOULD audit has to pass.
set -euo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
find_jdk
suite="$KN_ROOT/test/graphql-http"
jar="$KN_ROOT/knowledge-api/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || die "$jar is not built: ./mvnw -pl knowledge-api -am package"
[ -d "$suite/node_modules" ] || npm ci --prefix "$suite" --no-audit --no-fund >/dev/null

set -a; source "$KN_LOCAL/dev-services.env"; set +a
database="kn_audit_$(date +%s)"
psql_admin() { PGPASSWORD=$KN_PG_PASSWORD psql -h "$KN_PG_HOST" -p "$KN_PG_PORT" -U "$KN_PG_USER" -d postgres -qtA -c "$1"; }
work=$(mktemp -d)
free_port() { local p; while :; do p=$((20000 + RANDOM % 20000)); listening "$p" || { echo "$p"; return; }; done; }
http=$(free_port); mgmt=$(free_port)
pid=""
# The service's own exit status on SIGTERM is not the audit's result, so nothing here may fail.
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql_admin "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql_admin "create database $database"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt.pem" 2>/dev/null
DATABASE_URL="jdbc:postgresql://$KN_PG_HOST:$KN_PG_PORT/$database" HTTP_PORT=$http METRICS_PORT=$mgmt \
  MIGRATE_AT_START=true ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" JWT_PRIVATE_KEY="$(cat "$work/jwt.pem")" JWT_ISSUER="http://127.0.0.1:$http" \
  OPENSEARCH_INDEX_PREFIX="audit-$database-" \
  "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" >"$work/knowledge-api.log" 2>&1 &
pid=$!
wait_for "curl -fsS -o /dev/null http://127.0.0.1:$mgmt/q/health/ready" 60 \
  || { tail -40 "$work/knowledge-api.log" >&2; die "knowledge-api did not become ready"; }
audit=0
mapfile -t reporters < <(node_test_reporters)
GRAPHQL_URL="http://127.0.0.1:$http/graphql" node --test "${reporters[@]}" "$suite/audit.test.mjs" || audit=$?
exit $audit
