#!/usr/bin/env bash
# Checks that the derived data agrees with PostgreSQL, the source of truth:
#   knowledge DB vs search index: live document count against the index count; a sample of
#     recently changed documents must be in the index at their revision or newer; the outbox
#     must not hold rows older than five minutes
#   keep_notion_sync DB: no Notion page mapped to two notes; no note left without a page long
#     after its sync
# Run after a restore, a reindex, an incident, or on a schedule. Exit 1 on any mismatch.
#
#   scripts/verify-data-integrity.sh <staging|production> [--sample N]
#
# The queries below follow the Flyway schemas of knowledge-api and sync-service; override one
# with its KN_SQL_* variable if a schema differs. psql and curl run in one-off pods inside the
# cluster (the stores are only reachable from the VPC).
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
SAMPLE=200
while [[ $# -gt 0 ]]; do
  case $1 in
    --sample) SAMPLE=${2:-}; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ $SAMPLE =~ ^[0-9]+$ ]] || die "--sample must be a number"
on_cluster "$ENV" kubectl jq

# Documents changed in the last five minutes may legitimately not be indexed yet.
SETTLED="updated_at < now() - interval '5 minutes'"
KN_SQL_DOCUMENT_COUNT=${KN_SQL_DOCUMENT_COUNT:-"SELECT count(*) FROM documents WHERE deleted_at IS NULL"}
KN_SQL_DOCUMENT_SAMPLE=${KN_SQL_DOCUMENT_SAMPLE:-"SELECT id, revision FROM documents WHERE deleted_at IS NULL AND $SETTLED ORDER BY updated_at DESC LIMIT $SAMPLE"}
KN_SQL_OUTBOX_STALE=${KN_SQL_OUTBOX_STALE:-"SELECT count(*) FROM outbox WHERE processed_at IS NULL AND created_at < now() - interval '5 minutes'"}
KN_SQL_MAPPING_DUPLICATES=${KN_SQL_MAPPING_DUPLICATES:-"SELECT count(*) FROM (SELECT notion_page_id FROM note_mappings WHERE notion_page_id IS NOT NULL GROUP BY notion_page_id HAVING count(*) > 1) d"}
KN_SQL_MAPPING_UNWRITTEN=${KN_SQL_MAPPING_UNWRITTEN:-"SELECT count(*) FROM note_mappings WHERE notion_page_id IS NULL AND updated_at < now() - interval '1 hour'"}
KN_OPENSEARCH_INDEX=${KN_OPENSEARCH_INDEX:-documents}
# Index and database counts may differ by in-flight changes; beyond this it is drift.
TOLERANCE=${KN_COUNT_TOLERANCE:-0.001}

env_json=$(jq -s '.' \
  <(configmap_env PGHOST cluster-values DATABASE_HOST) \
  <(secret_env PGUSER db-credentials DATABASE_USERNAME) <(secret_env PGPASSWORD db-credentials DATABASE_PASSWORD) \
  <(jq -n '{name: "PGSSLMODE", value: "require"}') \
  <(jq -n --arg v "$KN_SQL_DOCUMENT_COUNT" '{name: "Q_COUNT", value: $v}') \
  <(jq -n --arg v "$KN_SQL_DOCUMENT_SAMPLE" '{name: "Q_SAMPLE", value: $v}') \
  <(jq -n --arg v "$KN_SQL_OUTBOX_STALE" '{name: "Q_OUTBOX", value: $v}') \
  <(jq -n --arg v "$KN_SQL_MAPPING_DUPLICATES" '{name: "Q_DUP", value: $v}') \
  <(jq -n --arg v "$KN_SQL_MAPPING_UNWRITTEN" '{name: "Q_UNWRITTEN", value: $v}'))

# shellcheck disable=SC2016  # expanded inside the pod
psql_script='
q() { psql -X -A -t -F " " -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
echo "COUNT $(q knowledge "$Q_COUNT")"
echo "OUTBOX $(q knowledge "$Q_OUTBOX")"
q knowledge "$Q_SAMPLE" | sed "s/^/SAMPLE /"
echo "DUP $(q keep_notion_sync "$Q_DUP")"
echo "UNWRITTEN $(q keep_notion_sync "$Q_UNWRITTEN")"
'
log "reading PostgreSQL"
pg=$(run_maintenance_pod kn-integrity-psql "$PSQL_IMAGE" "$PSQL_UID" "$psql_script" "$env_json") ||
  die "PostgreSQL queries failed: $pg"

ids=$(awk '$1 == "SAMPLE" {print $2}' <<<"$pg" | jq -R . | jq -sc '{ids: ., _source: ["revision"]}')
os_env=$(jq -s '.' <(configmap_env OPENSEARCH_URL cluster-values OPENSEARCH_URL) \
  <(jq -n --arg v "$KN_OPENSEARCH_INDEX" '{name: "INDEX", value: $v}') \
  <(jq -n --arg v "$ids" '{name: "MGET", value: $v}'))
# shellcheck disable=SC2016  # expanded inside the pod
curl_script='
echo "ICOUNT $(curl -fsS "$OPENSEARCH_URL/$INDEX/_count" | sed -n "s/.*\"count\":\([0-9]*\).*/\1/p")"
echo "MGET $(curl -fsS -H "Content-Type: application/json" -d "$MGET" "$OPENSEARCH_URL/$INDEX/_mget")"
'
log "reading OpenSearch index $KN_OPENSEARCH_INDEX"
os=$(run_maintenance_pod kn-integrity-curl "$CURL_IMAGE" "$CURL_UID" "$curl_script" "$os_env") ||
  die "OpenSearch queries failed: $os"

failures=0
fail() { log "MISMATCH: $*"; failures=$((failures + 1)); }

db_count=$(awk '$1 == "COUNT" {print $2}' <<<"$pg")
index_count=$(awk '$1 == "ICOUNT" {print $2}' <<<"$os")
log "documents: database $db_count, index $index_count"
awk -v a="$db_count" -v b="$index_count" -v t="$TOLERANCE" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= (a > 0 ? a * t : 0) + 1) }' ||
  fail "index count differs from the database by more than ${TOLERANCE} (reindex: docs/RUNBOOK.md)"

stale=$(awk '$1 == "OUTBOX" {print $2}' <<<"$pg")
[[ $stale == 0 ]] || fail "$stale outbox rows older than 5 minutes are not indexed (is search-indexer running?)"

# Every sampled document must be indexed at its database revision or a newer one.
missing=$(jq -r --argjson want "$(awk '$1 == "SAMPLE" {printf "{\"%s\":%s}\n", $2, $3}' <<<"$pg" | jq -s 'add // {}')" '
  [.docs[] | select((.found | not) or ((._source.revision // -1) < $want[._id])) | ._id] | join(" ")' \
  <<<"$(sed -n 's/^MGET //p' <<<"$os")")
sampled=$(grep -c '^SAMPLE ' <<<"$pg" || true)
if [[ -n $missing ]]; then
  fail "sampled documents missing or stale in the index: $missing"
else
  log "sample: $sampled settled documents indexed at their current revision"
fi

dup=$(awk '$1 == "DUP" {print $2}' <<<"$pg")
[[ $dup == 0 ]] || fail "$dup Notion pages are mapped to more than one note"
unwritten=$(awk '$1 == "UNWRITTEN" {print $2}' <<<"$pg")
[[ $unwritten == 0 ]] || fail "$unwritten notes have had no Notion page for over an hour (notion-writer, rate limit, token?)"

if [[ $failures -gt 0 ]]; then
  die "$failures integrity check(s) failed in $ENV"
fi
log "integrity OK in $ENV"
