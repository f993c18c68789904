#!/usr/bin/env bash
# Takes load off fast: scales services down (default to zero) and remembers how they were, so
# --restore puts back exactly the previous replica counts and autoscaling bounds.
#
#   scripts/emergency-scale-down.sh <env> --service sync-service [--service notion-writer] [--replicas N] [--yes]
#   scripts/emergency-scale-down.sh <env> --all [--replicas N] [--yes]
#   scripts/emergency-scale-down.sh <env> --restore
#
# Typical uses: stop the sync pipeline hammering Notion or Google (sync-service, keep-extractor,
# notion-writer); stop all writers during a database restore (--all); cap a runaway
# autoscaler (--replicas 2). At zero replicas the HPA stays inactive on its own; above zero the
# HPA's bounds are pinned to N as well. State is kept in annotations on the objects themselves.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
TARGETS=() REPLICAS=0 YES=0 RESTORE=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --service) check_service "${2:-}"; TARGETS+=("$2"); shift 2 ;;
    --all) TARGETS=("${SERVICES[@]}"); shift ;;
    --replicas) REPLICAS=${2:-}; shift 2 ;;
    --yes) YES=1; shift ;;
    --restore) RESTORE=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
on_cluster "$ENV" kubectl jq
k() { kubectl -n "$NAMESPACE" "$@"; }
SAVED=kn.io/replicas-before-scale-down
SAVED_HPA=kn.io/bounds-before-scale-down

if [[ $RESTORE == 1 ]]; then
  for s in "${SERVICES[@]}"; do
    before=$(k get deploy "$s" -o json | jq -r --arg a "$SAVED" '.metadata.annotations[$a] // empty')
    [[ -n $before ]] || continue
    bounds=$(k get hpa "$s" -o json 2>/dev/null | jq -r --arg a "$SAVED_HPA" '.metadata.annotations[$a] // empty')
    if [[ -n $bounds ]]; then
      k patch hpa "$s" --type merge -p "{\"spec\":$bounds}" >/dev/null
      k annotate hpa "$s" "$SAVED_HPA-" >/dev/null
    fi
    k scale deploy "$s" --replicas="$before" >/dev/null
    k annotate deploy "$s" "$SAVED-" >/dev/null
    log "$s back to $before replicas"
  done
  for s in "${SERVICES[@]}"; do k rollout status "deploy/$s" --timeout=10m || true; done
  exit 0
fi

[[ ${#TARGETS[@]} -gt 0 ]] || die "name --service ... or --all (or --restore)"
[[ $REPLICAS =~ ^[0-9]+$ ]] || die "--replicas must be a number"
if [[ $YES == 0 ]]; then
  read -r -p "Scale ${TARGETS[*]} in $ENV to $REPLICAS replicas? [y/N] " answer
  [[ $answer == y || $answer == Y ]] || die "aborted"
fi

for s in "${TARGETS[@]}"; do
  current=$(k get deploy "$s" -o jsonpath='{.spec.replicas}')
  # A second scale-down must not overwrite the original count.
  k annotate deploy "$s" "$SAVED=$current" >/dev/null 2>&1 || true
  if [[ $REPLICAS -gt 0 ]] && k get hpa "$s" >/dev/null 2>&1; then
    bounds=$(k get hpa "$s" -o json | jq -c '{minReplicas: .spec.minReplicas, maxReplicas: .spec.maxReplicas}')
    k annotate hpa "$s" "$SAVED_HPA=$bounds" >/dev/null 2>&1 || true
    k patch hpa "$s" --type merge -p "{\"spec\":{\"minReplicas\":$REPLICAS,\"maxReplicas\":$REPLICAS}}" >/dev/null
  fi
  k scale deploy "$s" --replicas="$REPLICAS" >/dev/null
  log "$s: $current -> $REPLICAS replicas"
done
log "undo with: $0 $ENV --restore"
