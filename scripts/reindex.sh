#!/usr/bin/env bash
# Rebuilds the search index from PostgreSQL without downtime (search-indexer's README, "Reindex"):
# a new index of the current mapping is built beside the one in use while changes keep flowing into
# it, the changes made meanwhile are replayed, the alias (kn-documents) moves over in one step and
# the old index is deleted. Searches see the old, complete index until the switch, the new one after.
#
#   scripts/reindex.sh <staging|production> [--status]
#   scripts/reindex.sh --local [--status]
#
# Starts the reindex on one search-indexer pod (through kubectl port-forward to its management port:
# scripts/lib/indexer-admin.sh) and follows it until the alias has moved (exit 0) or the build
# failed (exit 1; the alias was not moved, run it again). --status only prints where a reindex
# stands. One reindex at a time across replicas: a second one is refused (exit 1). Afterwards run
# scripts/verify-data-integrity.sh <env>. Without kube credentials a platform admin starts the same reindex with
# knowledge-api's startSearchReindex mutation (docs/graphql.md, "Platform administration"); --status shows it too.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/indexer-admin.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/indexer-admin.sh"

ENV=${1:-}; shift || true
STATUS_ONLY=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --status) STATUS_ONLY=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ $ENV == --local ]] || check_env "$ENV"
indexer_admin_connect "$ENV"

if [[ $STATUS_ONLY == 1 ]]; then
  indexer_admin GET /indexer/reindex
  [[ $INDEXER_STATUS == 200 ]] || die "search-indexer answered $INDEXER_STATUS: $INDEXER_BODY"
  jq . <<<"$INDEXER_BODY"
  exit 0
fi

indexer_admin POST /indexer/reindex
started=$INDEXER_BODY
if [[ $INDEXER_STATUS == 409 ]]; then
  jq . <<<"$started" >&2
  die "a reindex is running already (scripts/reindex.sh ${ENV} --status follows it)"
fi
[[ $INDEXER_STATUS == 202 ]] || die "search-indexer answered $INDEXER_STATUS: $started"
index=$(jq -r .index <<<"$started")
log "building $index"

while true; do
  sleep 5
  indexer_admin GET /indexer/reindex
  status=$INDEXER_BODY
  [[ $INDEXER_STATUS == 200 ]] || die "search-indexer answered $INDEXER_STATUS: $status"
  if [[ $(jq -r '.last.index // empty' <<<"$status") != "$index" ]]; then
    die "the pod no longer knows the run of $index (restarted?); the alias was not moved by it: $(jq -c . <<<"$status")"
  fi
  case $(jq -r .last.state <<<"$status") in
    BUILDING) log "$(jq -r '"\(.last.documents) documents written, \(.last.replayed) replayed"' <<<"$status")" ;;
    SWITCHED)
      log "$(jq -r '"alias now on \(.current | join(",")): \(.last.documents) documents, \(.last.refused) refused, \(.last.replayed) replayed"' <<<"$status")"
      log "next: scripts/verify-data-integrity.sh $ENV"
      exit 0 ;;
    *) jq . <<<"$status" >&2; die "the reindex into $index failed; the alias was not moved" ;;
  esac
done
