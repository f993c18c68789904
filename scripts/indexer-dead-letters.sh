#!/usr/bin/env bash
# The outbox rows search-indexer set aside because OpenSearch kept refusing their document
# (search-indexer's README, "Dead letters"; metric kn_indexer_dead_letters): lists them with the
# error OpenSearch gave, or sends them back into the outbox once the cause is fixed (each becomes a
# new outbox row, indexed by the next batch).
#
#   scripts/indexer-dead-letters.sh <staging|production|--local>                 list (oldest 100)
#   scripts/indexer-dead-letters.sh <staging|production|--local> --retry [ID...]  send back those, or all
#
# Through kubectl port-forward to one search-indexer pod's management port (scripts/lib/indexer-admin.sh).
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/indexer-admin.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/indexer-admin.sh"

ENV=${1:-}; shift || true
RETRY=0 IDS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --retry) RETRY=1; shift ;;
    *) [[ $RETRY == 1 && $1 =~ ^[0-9]+$ ]] || die "unknown argument $1"; IDS+=("$1"); shift ;;
  esac
done
[[ $ENV == --local ]] || check_env "$ENV"
indexer_admin_connect "$ENV"

if [[ $RETRY == 0 ]]; then
  indexer_admin GET "/indexer/dead-letters?limit=100"
  letters=$INDEXER_BODY
  [[ $INDEXER_STATUS == 200 ]] || die "search-indexer answered $INDEXER_STATUS: $letters"
  jq -r '.deadLetters[] | "\(.id)\t\(.documentId)\t\(.eventType) r\(.revision)\t\(.attempts) attempts\t\(.deadLetteredAt)\t\(.error)"' <<<"$letters"
  log "$(jq '.deadLetters | length' <<<"$letters") dead letters listed (at most 100)"
  exit 0
fi

query=""
for id in "${IDS[@]}"; do query+="${query:+&}id=$id"; done
indexer_admin POST "/indexer/dead-letters/retry${query:+?$query}"
retried=$INDEXER_BODY
[[ $INDEXER_STATUS == 200 ]] || die "search-indexer answered $INDEXER_STATUS: $retried"
log "$(jq -r .retried <<<"$retried") rows sent back into the outbox${IDS[*]:+ (${IDS[*]})}"
