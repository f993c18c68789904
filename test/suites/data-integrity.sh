#!/usr/bin/env bash
# scripts/verify-data-integrity.sh (what the production workflow runs after every deploy) against the
# dev services, on databases of its own migrated with the real Flyway scripts of knowledge-api and
# sync-service and an index of its own behind the alias the services use. The Java tests drop their
# databases when they end, so this suite writes its data itself: it must pass on consistent data, and
# fail on each kind of drift and on a query the schema does not fit. Prints PASS/FAIL per case.
set -uo pipefail
source "$(dirname "$0")/../../bin/lib/common.sh"
set -a; source "$KN_LOCAL/dev-services.env"; set +a
require_tool() { command -v "$1" >/dev/null || die "$1 is needed"; }
require_tool psql; require_tool jq; require_tool curl

run_id=$(date +%s)$$
kdb="kn_integrity_${run_id}_k" sdb="kn_integrity_${run_id}_s" prefix="integrity-${run_id}-"
export PGHOST=$KN_PG_HOST PGPORT=$KN_PG_PORT PGUSER=$KN_PG_USER PGPASSWORD=$KN_PG_PASSWORD OPENSEARCH_URL=$KN_OPENSEARCH_URL
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }
cleanup() {
  sql postgres "drop database if exists $kdb with (force)" 2>/dev/null
  sql postgres "drop database if exists $sdb with (force)" 2>/dev/null
  curl -fsS -X DELETE "$OPENSEARCH_URL/${prefix}*" >/dev/null 2>&1
}
trap cleanup EXIT

# The schemas exactly as Flyway builds them: each migration of each service, in version order.
migrate() {
  local db=$1 dir=$2 f
  sql postgres "create database $db" || die "cannot create database $db"
  for f in $(ls "$dir"/V*__*.sql | sort -V); do
    psql -X -q -v ON_ERROR_STOP=1 -1 -d "$db" -f "$f" >/dev/null || die "migration $f failed on $db"
  done
}
migrate "$kdb" "$KN_ROOT/knowledge-api/src/main/resources/db/migration"
migrate "$sdb" "$KN_ROOT/sync-service/src/main/resources/db/migration"
curl -fsS -X PUT "$OPENSEARCH_URL/${prefix}documents-v1" -H 'Content-Type: application/json' \
  -d "{\"aliases\": {\"${prefix}documents\": {}}, \"mappings\": {\"properties\": {\"revision\": {\"type\": \"long\"}}}}" >/dev/null \
  || die "cannot create the index ${prefix}documents-v1"

u=00000000-0000-0000-0000-0000000000a1 w=00000000-0000-0000-0000-0000000000b1
d1=00000000-0000-0000-0000-000000000001 d2=00000000-0000-0000-0000-000000000002 d3=00000000-0000-0000-0000-000000000003
c=00000000-0000-0000-0000-0000000000c1 j=00000000-0000-0000-0000-0000000000d1
index_doc() { curl -fsS -X PUT "$OPENSEARCH_URL/${prefix}documents/_doc/$1?refresh=true" -H 'Content-Type: application/json' -d "{\"revision\": $2}" >/dev/null; }
# Consistent data: three documents (one trashed: it stays in the index), their outbox rows processed
# and indexed at their revisions; one finished sync job whose notes all got pages.
seed() {
  sql "$kdb" "
    insert into app_user (id, email, display_name, password_hash) values ('$u', 'integrity@example.com', 'I', 'x');
    insert into workspace (id, name, created_at, updated_at) values ('$w', 'W', now(), now());
    insert into document (id, workspace_id, title, content, revision, trashed_at, created_by, updated_by, created_at, updated_at) values
      ('$d1', '$w', 'one', '', 2, null, '$u', '$u', now() - interval '2 hours', now() - interval '1 hour'),
      ('$d2', '$w', 'two', '', 1, null, '$u', '$u', now() - interval '2 hours', now() - interval '1 hour'),
      ('$d3', '$w', 'three', '', 5, now() - interval '1 hour', '$u', '$u', now() - interval '2 hours', now() - interval '1 hour');
    insert into outbox_event (aggregate_type, aggregate_id, event_type, revision, payload, created_at, processed_at)
      select 'document', id, 'DocumentChanged', revision, '{}', now() - interval '1 hour', now() - interval '59 minutes' from document;" || die "seeding $kdb failed"
  index_doc "$d1" 2 && index_doc "$d2" 1 && index_doc "$d3" 5 || die "seeding the index failed"
  sql "$sdb" "
    insert into connections (id, owner_id, name, source_type, notion_database_id, notion_token) values ('$c', '$u', 'K', 'TAKEOUT', 'db', 'sealed');
    insert into jobs (id, connection_id, mode, trigger, state, created_at, finished_at) values ('$j', '$c', 'FULL', 'TAKEOUT', 'SUCCEEDED', now() - interval '3 hours', now() - interval '2 hours');
    insert into job_notes (job_id, note_id, outcome, page_id) values ('$j', 'n1', 'CREATED', 'p1'), ('$j', 'n2', 'CREATED', 'p2');
    insert into note_pages (connection_id, note_id, note_created, page_id) values ('$c', 'n1', now(), 'p1'), ('$c', 'n2', now(), 'p2');" || die "seeding $sdb failed"
}
seed

status=0
verify() {
  env KN_KNOWLEDGE_DB="$kdb" KN_SYNC_DB="$sdb" KN_OPENSEARCH_INDEX="${prefix}documents" "$@" \
    "$KN_ROOT/scripts/verify-data-integrity.sh" --local --sample 50 >"$KN_RUN/integrity.out" 2>&1
}
# expect NAME pass|fail TEXT [VAR=value...]: runs the check, wants its exit status and, on fail, TEXT.
expect() {
  local name=$1 want=$2 text=$3 code; shift 3
  verify "$@"; code=$?
  if [[ $want == pass && $code == 0 ]] && grep -q 'integrity OK' "$KN_RUN/integrity.out"; then
    echo "PASS data-integrity: $name"
  elif [[ $want == fail && $code != 0 ]] && grep -q -- "$text" "$KN_RUN/integrity.out"; then
    echo "PASS data-integrity: $name: $(grep -oE '(MISMATCH|ERROR): .{0,100}' "$KN_RUN/integrity.out" | head -1)"
  else
    echo "FAIL data-integrity: $name: wanted $want${text:+ ($text)}, exit $code"
    sed 's/^/    /' "$KN_RUN/integrity.out" | tail -8
    status=1
  fi
}

expect "consistent data passes" pass ""
curl -fsS -X DELETE "$OPENSEARCH_URL/${prefix}documents/_doc/$d2?refresh=true" >/dev/null
expect "a document missing from the index" fail "missing or stale in the index: $d2"
index_doc "$d2" 1
sql "$kdb" "update document set revision = 3 where id = '$d1'"
expect "a document indexed at an older revision" fail "missing or stale in the index: $d1"
sql "$kdb" "update document set revision = 2 where id = '$d1'"
sql "$kdb" "insert into outbox_event (aggregate_type, aggregate_id, event_type, revision, payload, created_at) values ('document', '$d1', 'DocumentChanged', 2, '{}', now() - interval '10 minutes')"
expect "an outbox event not indexed after five minutes" fail "outbox rows older than 5 minutes"
sql "$kdb" "update outbox_event set processed_at = now() where processed_at is null"
sql "$sdb" "insert into note_pages (connection_id, note_id, note_created, page_id) values ('$c', 'n3', now(), 'p1')"
expect "a Notion page mapped to two notes" fail "mapped to more than one note"
sql "$sdb" "delete from note_pages where note_id = 'n3'"
sql "$sdb" "insert into job_notes (job_id, note_id, outcome) values ('$j', 'n4', 'PENDING')"
expect "a note a finished job left unwritten" fail "left unwritten"
sql "$sdb" "delete from job_notes where note_id = 'n4'"
expect "consistent again after the drift is repaired" pass ""
expect "a query the schema does not fit is an error" fail "PostgreSQL queries failed" "KN_SQL_DOCUMENT_COUNT=SELECT count(*) FROM documents WHERE deleted_at IS NULL"
expect "an index that does not exist is an error" fail "OpenSearch queries failed" "KN_OPENSEARCH_INDEX=${prefix}nothing"
exit $status
