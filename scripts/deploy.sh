#!/usr/bin/env bash
# Deploys one release (every service at one git SHA) to an environment:
#   1. platform objects (ConfigMaps, ExternalSecrets, Services, policies, monitoring ...)
#   2. migration Jobs, waited for; a failed migration stops here with nothing rolled out
#   3. Deployments, waited for, then health-checked pod by pod and through the public URL
#   4. on any failure after 1: the ConfigMaps it applied are put back as they were (and the ones
#      it created deleted); on a failure in 3 every Deployment is also rolled back to the revision
#      it had before
#
#   scripts/deploy.sh <staging|production> --tag <git-sha> [--skip-migrations] [--skip-public-check] [--dry-run]
#
# Needs kubectl (context: the environment's cluster), jq, curl. Migrations must be backward
# compatible with the running release (expand/contract): a rollback never undoes them.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

ENV=${1:-}; shift || true
TAG="" SKIP_MIGRATIONS=0 SKIP_PUBLIC=0 DRY_RUN=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    --skip-migrations) SKIP_MIGRATIONS=1; shift ;;
    --skip-public-check) SKIP_PUBLIC=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h | --help) usage ;;
    *) die "unknown argument $1" ;;
  esac
done
check_env "$ENV"
check_tag "$TAG"
require kubectl jq curl
assert_cluster_values_filled "$ENV"
check_kube_context "$ENV"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if kubectl -n "$NAMESPACE" get deploy -o name 2>/dev/null | grep -q -- '-green$'; then
  die "a blue-green release is in progress (a *-green Deployment exists): finish or roll it back first (scripts/blue-green.sh)"
fi

log "rendering k8s/overlays/$ENV at $TAG"
render_overlay "$ENV" "$TAG" "$WORK/rendered.yaml"
to_json "$WORK/rendered.yaml" "$WORK/all.json"

# Pods only restart when their template changes; a hash of the ConfigMaps a service reads makes
# a configuration-only change roll its pods too.
for s in "${SERVICES[@]}"; do
  hash=$(jq -c --arg cm "$s-config" '[.items[] | select(.kind == "ConfigMap" and (.metadata.name == $cm or .metadata.name == "cluster-values")) | .data]' "$WORK/all.json" | sha256sum | cut -c1-16)
  jq --arg s "$s" --arg h "$hash" '.items |= map(if .kind == "Deployment" and .metadata.name == $s
    then .spec.template.metadata.annotations["kn.io/config-hash"] = $h else . end)' "$WORK/all.json" >"$WORK/all2.json"
  mv "$WORK/all2.json" "$WORK/all.json"
done

# The namespace and the deploy role's RBAC (k8s/cluster-admin) are applied once by a cluster admin
# (docs/DEPLOYMENT.md step 5); the CI role may not create cluster-scoped objects or grant rights.
kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 ||
  die "namespace $NAMESPACE does not exist (or this identity may not see it): a cluster admin applies k8s/base/platform/namespace.yaml and k8s/cluster-admin first"
jq '.items |= map(select(.kind != "Namespace"))' "$WORK/all.json" >"$WORK/all2.json" && mv "$WORK/all2.json" "$WORK/all.json"

# Refuse before changing anything when this identity may not apply a kind of the render (a
# missing Role of k8s/cluster-admin showed up only halfway through the first deploy).
while read -r resource; do
  for verb in create patch; do
    [[ $(kubectl -n "$NAMESPACE" auth can-i "$verb" "$resource" 2>/dev/null) == yes ]] ||
      die "this identity may not $verb $resource in $NAMESPACE: a cluster admin applies k8s/cluster-admin (Role kn-deployer for the group kn-deployers)"
  done
done < <(jq -r '[.items[] | (.kind | ascii_downcase) + (if (.apiVersion | contains("/")) then "." + (.apiVersion | split("/")[0]) else "" end)] | unique[]' "$WORK/all.json")

jq '.items |= map(select(.kind != "Deployment" and .kind != "Job"))' "$WORK/all.json" >"$WORK/platform.json"
jq '.items |= map(select(.kind == "Job"))' "$WORK/all.json" >"$WORK/jobs.json"

# Keep the replica count the HPA chose for Deployments that already exist; the rendered count
# only sizes a Deployment's first creation.
live=$(kubectl -n "$NAMESPACE" get deploy -o json | jq '[.items[] | {key: .metadata.name, value: .spec.replicas}] | from_entries')
jq --argjson live "$live" '.items |= map(select(.kind == "Deployment")
  | if $live[.metadata.name] != null then .spec.replicas = $live[.metadata.name] else . end)' \
  "$WORK/all.json" >"$WORK/deployments.json"

if [[ $DRY_RUN == 1 ]]; then
  kubectl apply --dry-run=server -f "$WORK/platform.json" -f "$WORK/deployments.json"
  log "dry run: nothing changed"
  exit 0
fi

# The ConfigMaps as they are now, to put back if this deploy fails: the running pods read them
# whenever they start (a restart, an HPA scale-out), and a rollback of the Deployments alone would
# start the previous image with this release's settings.
jq -r '.items[] | select(.kind == "ConfigMap") | .metadata.name' "$WORK/platform.json" | sort >"$WORK/configmaps.names"
kubectl -n "$NAMESPACE" get configmap -o json | jq --rawfile names "$WORK/configmaps.names" '
  ($names | split("\n") | map(select(. != ""))) as $ours
  | {apiVersion: "v1", kind: "List", items: [.items[] | select(.metadata.name as $n | $ours | index($n))
      | del(.metadata.resourceVersion, .metadata.uid, .metadata.creationTimestamp, .metadata.managedFields, .metadata.generation)]}' \
  >"$WORK/configmaps.before.json"
CONFIG_APPLIED=0

# restore_configmaps: the ConfigMaps of this deploy back to what they were before it; the ones it
# created are deleted.
restore_configmaps() {
  [[ $CONFIG_APPLIED == 1 ]] || return 0
  log "restoring the ConfigMaps of the previous release"
  if [[ $(jq '.items | length' "$WORK/configmaps.before.json") -gt 0 ]]; then
    kubectl -n "$NAMESPACE" replace -f "$WORK/configmaps.before.json" || log "restoring the ConfigMaps failed"
  fi
  local name
  while read -r name; do
    jq -e --arg n "$name" '[.items[].metadata.name] | index($n)' "$WORK/configmaps.before.json" >/dev/null ||
      kubectl -n "$NAMESPACE" delete configmap "$name" --ignore-not-found || log "deleting ConfigMap $name failed"
  done <"$WORK/configmaps.names"
}

# fail MESSAGE: a failure after the platform objects changed: their ConfigMaps go back first.
fail() {
  restore_configmaps
  die "$*"
}

log "phase 1/4: platform objects"
CONFIG_APPLIED=1
kubectl apply -f "$WORK/platform.json" || fail "applying the platform objects failed"
log "waiting for External Secrets to sync from AWS Secrets Manager"
kubectl -n "$NAMESPACE" wait externalsecret --all --for=condition=Ready --timeout=180s ||
  fail "ExternalSecrets not Ready: kubectl -n $NAMESPACE describe externalsecret (did an operator fill google-oauth and notion-api?)"

if [[ $SKIP_MIGRATIONS == 0 ]]; then
  log "phase 2/4: migrations"
  "$REPO_ROOT/scripts/run-migrations.sh" "$ENV" --tag "$TAG" --rendered "$WORK/jobs.json" ||
    fail "migrations failed; no Deployment was changed"
else
  log "phase 2/4: migrations skipped (--skip-migrations)"
fi

# Revisions to go back to if the rollout fails (absent for a first deployment).
declare -A BEFORE=()
for s in "${SERVICES[@]}"; do
  rev=$(kubectl -n "$NAMESPACE" get deploy "$s" -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}' 2>/dev/null || true)
  [[ -n $rev ]] && BEFORE[$s]=$rev
done

rollback() {
  log "ROLLING BACK to the previous revisions"
  # Settings first, so that the pods the undo starts read the previous release's ConfigMaps.
  restore_configmaps
  local s
  for s in "${!BEFORE[@]}"; do
    kubectl -n "$NAMESPACE" rollout undo "deploy/$s" --to-revision="${BEFORE[$s]}" || log "undo of $s failed"
  done
  for s in "${!BEFORE[@]}"; do
    kubectl -n "$NAMESPACE" rollout status "deploy/$s" --timeout=10m || log "$s did not settle after rollback"
  done
  die "deploy of $TAG to $ENV failed and was rolled back"
}

log "phase 3/4: rolling out ${#SERVICES[@]} Deployments"
kubectl apply -f "$WORK/deployments.json" || rollback
for s in "${SERVICES[@]}"; do
  kubectl -n "$NAMESPACE" rollout status "deploy/$s" --timeout=10m || rollback
done

log "phase 4/4: health checks"
for s in "${SERVICES[@]}"; do
  probe_pod_health "deploy/$s" || rollback
done
if [[ $SKIP_PUBLIC == 0 ]]; then
  # Through DNS, ALB and TLS, on both hosts (one certificate covers them): the gateway aggregates
  # every service's health.
  for host in "$(cluster_value "$ENV" API_HOSTNAME)" "$(cluster_value "$ENV" ADMIN_HOSTNAME)"; do
    for attempt in 1 2 3 4 5 6; do
      if curl -fsS --max-time 10 "https://$host/api/v1/health" >/dev/null; then break; fi
      [[ $attempt == 6 ]] && { log "https://$host/api/v1/health is not healthy"; rollback; }
      sleep 10
    done
  done
fi

log "deployed $TAG to $ENV"
