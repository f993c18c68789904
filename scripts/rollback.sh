#!/usr/bin/env bash
# Rolls the application back.
#   scripts/rollback.sh <staging|production>                  every Deployment to its previous revision
#   scripts/rollback.sh <staging|production> --tag <git-sha>  redeploy a known-good release (no migrations)
#
# The first form is the fast path after a bad rollout that deploy.sh did not catch; the second
# is reproducible from git and the right one when the bad release is more than one step back.
# Schema migrations are never rolled back: releases keep them backward compatible.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
TAG=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
on_cluster "$ENV" kubectl

if [[ -n $TAG ]]; then
  exec "$REPO_ROOT/scripts/deploy.sh" "$ENV" --tag "$TAG" --skip-migrations
fi

for s in "${SERVICES[@]}"; do
  log "undo $s"
  kubectl -n "$NAMESPACE" rollout undo "deploy/$s"
done
failed=0
for s in "${SERVICES[@]}"; do
  kubectl -n "$NAMESPACE" rollout status "deploy/$s" --timeout=10m || failed=1
done
for s in "${SERVICES[@]}"; do
  probe_pod_health "deploy/$s" || failed=1
done
[[ $failed == 0 ]] || die "rollback finished with unhealthy services; see docs/RUNBOOK.md"
log "rolled back: $(kubectl -n "$NAMESPACE" get deploy -o jsonpath='{range .items[*]}{.metadata.name}={.spec.template.spec.containers[0].image}{"\n"}{end}')"
