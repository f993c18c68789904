#!/usr/bin/env bash
# Runs the Flyway migration Jobs (knowledge-api: database knowledge; sync-service: database
# keep_notion_sync) with the images of one release and waits for both. Jobs are immutable, so
# the previous run's Jobs are deleted first. Exit status 0 only when both completed.
#
#   scripts/run-migrations.sh <staging|production> --tag <git-sha> [--rendered jobs.json]
#
# deploy.sh calls it between the platform objects and the Deployments; run it on its own to
# migrate ahead of a release. On failure it prints the Job's logs.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
TAG="" RENDERED=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    --rendered) RENDERED=${2:-}; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
check_tag "$TAG"
on_cluster "$ENV" kubectl jq

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -z $RENDERED ]]; then
  assert_cluster_values_filled "$ENV"
  render_overlay "$ENV" "$TAG" "$WORK/rendered.yaml"
  to_json "$WORK/rendered.yaml" "$WORK/all.json"
  # The Jobs read the service ConfigMaps, cluster-values and the synced secrets.
  jq '.items |= map(select(.kind == "ConfigMap" or .kind == "ExternalSecret" or .kind == "SecretStore" or .kind == "ServiceAccount" or (.kind == "NetworkPolicy" and .metadata.name == "maintenance")))' \
    "$WORK/all.json" >"$WORK/deps.json"
  kubectl apply -f "$WORK/deps.json"
  jq '.items |= map(select(.kind == "Job"))' "$WORK/all.json" >"$WORK/jobs.json"
  RENDERED="$WORK/jobs.json"
fi

for job in "${MIGRATION_JOBS[@]}"; do
  kubectl -n "$NAMESPACE" delete job "$job" --ignore-not-found --wait=true
done
kubectl apply -f "$RENDERED"

status=0
for job in "${MIGRATION_JOBS[@]}"; do
  log "waiting for $job"
  if wait_job "$job" 900; then
    log "$job completed"
  else
    log "$job FAILED; its logs:"
    kubectl -n "$NAMESPACE" logs "job/$job" --all-containers --tail=200 || true
    status=1
  fi
done
exit "$status"
