#!/usr/bin/env bash
# Checks that the derived data agrees with PostgreSQL, the source of truth:
#   knowledge DB vs search index: the number of documents against the index's (every document row
#     is indexed, trashed and archived ones included; only a purge removes one); a sample of
#     documents not changed in the last five minutes must be in the index at their revision or
#     newer; the outbox must hold no document event older than five minutes
#   keep_notion_sync DB: no Notion page mapped to two notes; no note a finished job left unwritten
# Run after a restore, a reindex, an incident, or on a schedule. Exit 1 on any mismatch, and on a
# query that fails (a schema the queries do not fit is an error, never a pass).
#
#   scripts/verify-data-integrity.sh <staging|production> [--sample N]
#   scripts/verify-data-integrity.sh --local [--sample N]
#
# The queries follow the Flyway schemas of knowledge-api (document, outbox_event) and sync-service
# (note_pages, jobs, job_notes), and the index alias of common's DocumentIndex (<prefix>documents);
# override one with its KN_SQL_* variable or KN_OPENSEARCH_INDEX. On an environment, psql and curl
# run in one-off pods inside the cluster (the stores are only reachable from the VPC). With --local
# they run here against PGHOST/PGPORT/PGUSER/PGPASSWORD, the databases KN_KNOWLEDGE_DB and
# KN_SYNC_DB (default knowledge, keep_notion_sync) and OPENSEARCH_URL — the dev services, where
# test/suites/data-integrity.sh runs it.
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
if [[ $ENV == --local ]]; then
  require psql curl jq
  [[ -n ${OPENSEARCH_URL:-} ]] || die "--local needs OPENSEARCH_URL (and PGHOST, PGPORT, PGUSER, PGPASSWORD)"
  WHERE="the local stores"
else
  on_cluster "$ENV" kubectl jq
  WHERE=$ENV
fi

# Documents changed in the last five minutes may legitimately not be indexed yet.
SETTLED="updated_at < now() - interval '5 minutes'"
KN_SQL_DOCUMENT_COUNT=${KN_SQL_DOCUMENT_COUNT:-"SELECT count(*) FROM document"}
KN_SQL_DOCUMENT_SAMPLE=${KN_SQL_DOCUMENT_SAMPLE:-"SELECT id, revision FROM document WHERE $SETTLED ORDER BY updated_at DESC LIMIT $SAMPLE"}
KN_SQL_OUTBOX_STALE=${KN_SQL_OUTBOX_STALE:-"SELECT count(*) FROM outbox_event WHERE aggregate_type = 'document' AND processed_at IS NULL AND created_at < now() - interval '5 minutes'"}
KN_SQL_MAPPING_DUPLICATES=${KN_SQL_MAPPING_DUPLICATES:-"SELECT count(*) FROM (SELECT page_id FROM note_pages GROUP BY page_id HAVING count(*) > 1) d"}
KN_SQL_MAPPING_UNWRITTEN=${KN_SQL_MAPPING_UNWRITTEN:-"SELECT count(*) FROM job_notes n JOIN jobs j ON j.id = n.job_id WHERE n.outcome = 'PENDING' AND j.state IN ('SUCCEEDED', 'PARTIALLY_FAILED') AND j.finished_at < now() - interval '1 hour'"}
KN_OPENSEARCH_INDEX=${KN_OPENSEARCH_INDEX:-${OPENSEARCH_INDEX_PREFIX:-kn-}documents}
KNOWLEDGE_DB=${KN_KNOWLEDGE_DB:-knowledge}
SYNC_DB=${KN_SYNC_DB:-keep_notion_sync}
# Index and database counts may differ by in-flight changes; beyond this it is drift.
TOLERANCE=${KN_COUNT_TOLERANCE:-0.001}

# Run by sh -e, in a pod or here. Each result is assigned before it is printed, so that a failing
# query stops the script instead of printing an empty value.
# shellcheck disable=SC2016  # expanded by that sh
psql_script='
q() { psql -X -A -t -F " " -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
count=$(q "$KNOWLEDGE_DB" "$Q_COUNT"); echo "COUNT $count"
outbox=$(q "$KNOWLEDGE_DB" "$Q_OUTBOX"); echo "OUTBOX $outbox"
sample=$(q "$KNOWLEDGE_DB" "$Q_SAMPLE"); [ -z "$sample" ] || echo "$sample" | sed "s/^/SAMPLE /"
dup=$(q "$SYNC_DB" "$Q_DUP"); echo "DUP $dup"
unwritten=$(q "$SYNC_DB" "$Q_UNWRITTEN"); echo "UNWRITTEN $unwritten"
'
# shellcheck disable=SC2016  # expanded by that sh
curl_script='
count=$(curl -fsS "$OPENSEARCH_URL/$INDEX/_count"); echo "ICOUNT $(echo "$count" | sed -n "s/.*\"count\":\([0-9]*\).*/\1/p")"
if [ -n "$MGET" ]; then
  mget=$(curl -fsS -H "Content-Type: application/json" -d "$MGET" "$OPENSEARCH_URL/$INDEX/_mget?_source_includes=revision"); echo "MGET $mget"
else
  echo "MGET {\"docs\": []}"
fi
'

log "reading PostgreSQL ($WHERE)"
if [[ $ENV == --local ]]; then
  pg=$(KNOWLEDGE_DB=$KNOWLEDGE_DB SYNC_DB=$SYNC_DB Q_COUNT=$KN_SQL_DOCUMENT_COUNT Q_SAMPLE=$KN_SQL_DOCUMENT_SAMPLE \
    Q_OUTBOX=$KN_SQL_OUTBOX_STALE Q_DUP=$KN_SQL_MAPPING_DUPLICATES Q_UNWRITTEN=$KN_SQL_MAPPING_UNWRITTEN \
    sh -ec "$psql_script" 2>&1) || die "PostgreSQL queries failed: $pg"
else
  env_json=$(jq -s '.' \
    <(configmap_env PGHOST cluster-values DATABASE_HOST) \
    <(secret_env PGUSER db-credentials DATABASE_USERNAME) <(secret_env PGPASSWORD db-credentials DATABASE_PASSWORD) \
    <(jq -n '{name: "PGSSLMODE", value: "require"}') \
    <(jq -n --arg v "$KNOWLEDGE_DB" '{name: "KNOWLEDGE_DB", value: $v}') \
    <(jq -n --arg v "$SYNC_DB" '{name: "SYNC_DB", value: $v}') \
    <(jq -n --arg v "$KN_SQL_DOCUMENT_COUNT" '{name: "Q_COUNT", value: $v}') \
    <(jq -n --arg v "$KN_SQL_DOCUMENT_SAMPLE" '{name: "Q_SAMPLE", value: $v}') \
    <(jq -n --arg v "$KN_SQL_OUTBOX_STALE" '{name: "Q_OUTBOX", value: $v}') \
    <(jq -n --arg v "$KN_SQL_MAPPING_DUPLICATES" '{name: "Q_DUP", value: $v}') \
    <(jq -n --arg v "$KN_SQL_MAPPING_UNWRITTEN" '{name: "Q_UNWRITTEN", value: $v}'))
  pg=$(run_maintenance_pod kn-integrity-psql "$PSQL_IMAGE" "$PSQL_UID" "$psql_script" "$env_json") ||
    die "PostgreSQL queries failed: $pg"
fi
for key in COUNT OUTBOX DUP UNWRITTEN; do
  [[ $(awk -v k="$key" '$1 == k {print $2}' <<<"$pg") =~ ^[0-9]+$ ]] || die "PostgreSQL queries failed: no number for $key in: $pg"
done

# The _mget body of the sampled ids (none: nothing to ask, OpenSearch refuses an empty _mget).
ids=$(awk '$1 == "SAMPLE" {print $2}' <<<"$pg" | jq -R . | jq -sc 'if length > 0 then {ids: .} else empty end')
log "reading OpenSearch index $KN_OPENSEARCH_INDEX"
if [[ $ENV == --local ]]; then
  os=$(INDEX=$KN_OPENSEARCH_INDEX MGET=$ids sh -ec "$curl_script" 2>&1) || die "OpenSearch queries failed: $os"
else
  os_env=$(jq -s '.' <(configmap_env OPENSEARCH_URL cluster-values OPENSEARCH_URL) \
    <(jq -n --arg v "$KN_OPENSEARCH_INDEX" '{name: "INDEX", value: $v}') \
    <(jq -n --arg v "$ids" '{name: "MGET", value: $v}'))
  os=$(run_maintenance_pod kn-integrity-curl "$CURL_IMAGE" "$CURL_UID" "$curl_script" "$os_env") ||
    die "OpenSearch queries failed: $os"
fi
[[ $(awk '$1 == "ICOUNT" {print $2}' <<<"$os") =~ ^[0-9]+$ ]] || die "OpenSearch queries failed: no document count in: $os"
sed -n 's/^MGET //p' <<<"$os" | jq -e '.docs | type == "array"' >/dev/null || die "OpenSearch queries failed: no _mget answer in: $os"

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
[[ $unwritten == 0 ]] || fail "$unwritten notes were left unwritten by jobs that finished over an hour ago (sync-service, notion-writer?)"

if [[ $failures -gt 0 ]]; then
  die "$failures integrity check(s) failed in $WHERE"
fi
log "integrity OK in $WHERE"
