#!/usr/bin/env bash
# Blue-green release of one service, for changes risky enough to want an instant way back.
# "blue" is the kubectl-managed Deployment <service> (pods labelled kn.io/slot=primary);
# "green" is a temporary Deployment <service>-green next to it. The Service selects one slot.
#
#   scripts/blue-green.sh <env> <service> deploy --tag <git-sha>  start green (copy of blue, new image, same size)
#   scripts/blue-green.sh <env> <service> test                    health of every green pod (live, ready, metrics)
#   scripts/blue-green.sh <env> <service> switch                  Service -> green (blue keeps running)
#   scripts/blue-green.sh <env> <service> rollback                Service -> blue, green deleted
#   scripts/blue-green.sh <env> <service> finish                  blue gets green's image, Service -> blue, green deleted
#   scripts/blue-green.sh <env> <service> status
#
# Run migrations first if the release has any (scripts/run-migrations.sh). While green exists
# deploy.sh refuses to run, because its apply would reset the Service selector. After finish,
# commit the tag (or run deploy.sh with it) so git and the cluster agree again.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

ENV=${1:-}; SVC=${2:-}; CMD=${3:-}
shift 3 2>/dev/null || usage
TAG=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
check_service "$SVC"
# Green's checks are the Quarkus endpoints (management port, metrics); the web app rolls with deploy.sh.
[[ $SVC != "$WEB" ]] || die "blue-green covers the Quarkus services; release the web app ($WEB) with scripts/deploy.sh"
on_cluster "$ENV" kubectl jq curl

GREEN="$SVC-green"
k() { kubectl -n "$NAMESPACE" "$@"; }

selected_slot() { k get service "$SVC" -o jsonpath='{.spec.selector.kn\.io/slot}'; }

set_slot() {
  k patch service "$SVC" --type merge -p "{\"spec\":{\"selector\":{\"kn.io/slot\":\"$1\"}}}" >/dev/null
  log "Service $SVC now selects slot $1"
}

require_green() { k get deploy "$GREEN" >/dev/null 2>&1 || die "no $GREEN Deployment; run: $0 $ENV $SVC deploy --tag <sha>"; }

green_image() { k get deploy "$GREEN" -o jsonpath='{.spec.template.spec.containers[0].image}'; }

cmd_deploy() {
  check_tag "$TAG"
  [[ $(selected_slot) == primary ]] || die "Service $SVC does not select the primary slot; finish or roll back the current release first"
  local image replicas
  image="$(k get deploy "$SVC" -o jsonpath='{.spec.template.spec.containers[0].image}')"
  image="${image%:*}:$TAG"
  replicas=$(k get deploy "$SVC" -o jsonpath='{.spec.replicas}')
  k delete deploy "$GREEN" --ignore-not-found --wait=true >/dev/null
  # Green is blue's live spec with another name, slot and image, at blue's current size so it
  # can take all traffic at once. It has no HPA: the window is meant to be short.
  k get deploy "$SVC" -o json | jq --arg name "$GREEN" --arg image "$image" --argjson replicas "$replicas" '
    del(.status, .metadata.uid, .metadata.resourceVersion, .metadata.generation, .metadata.creationTimestamp,
        .metadata.managedFields, .metadata.annotations["deployment.kubernetes.io/revision"],
        .metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"])
    | .metadata.name = $name
    | .metadata.labels["kn.io/slot"] = "green"
    | .spec.replicas = $replicas
    | .spec.selector.matchLabels["kn.io/slot"] = "green"
    | .spec.template.metadata.labels["kn.io/slot"] = "green"
    | .spec.template.spec.containers[0].image = $image' | k create -f - >/dev/null
  log "started $GREEN with $image ($replicas replicas)"
  k rollout status "deploy/$GREEN" --timeout=10m
}

cmd_test() {
  require_green
  local pod failed=0 port pid
  for pod in $(k get pods -l "app.kubernetes.io/name=$SVC,kn.io/slot=green" -o jsonpath='{.items[*].metadata.name}'); do
    probe_pod_health "pod/$pod" || failed=1
    port=$((20000 + RANDOM % 20000))
    k port-forward "pod/$pod" "$port:9090" >/dev/null 2>&1 &
    pid=$!
    sleep 2
    curl -fsS --max-time 5 "http://127.0.0.1:$port/q/metrics" | grep -q '^jvm_' || { log "$pod: no metrics"; failed=1; }
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [[ $failed == 0 ]] || die "$GREEN is not healthy; roll back with: $0 $ENV $SVC rollback"
  log "$GREEN healthy ($(green_image))"
}

cmd_switch() {
  require_green
  local want ready
  want=$(k get deploy "$GREEN" -o jsonpath='{.spec.replicas}')
  ready=$(k get deploy "$GREEN" -o jsonpath='{.status.readyReplicas}')
  [[ ${ready:-0} -ge $want ]] || die "$GREEN has ${ready:-0}/$want ready pods; not switching"
  set_slot green
  log "watch errors and latency now; roll back with: $0 $ENV $SVC rollback"
}

cmd_rollback() {
  set_slot primary
  k delete deploy "$GREEN" --ignore-not-found >/dev/null
  log "rolled back: $SVC serves from the primary slot, $GREEN deleted"
}

cmd_finish() {
  require_green
  [[ $(selected_slot) == green ]] || die "Service $SVC is not on green; switch first (or roll back)"
  local image
  image=$(green_image)
  # Blue is updated while it carries no traffic, then takes it back; green goes last.
  k set image "deploy/$SVC" "$SVC=$image" >/dev/null
  k rollout status "deploy/$SVC" --timeout=10m || die "primary did not roll out $image; traffic stays on green"
  probe_pod_health "deploy/$SVC" || die "primary unhealthy on $image; traffic stays on green"
  set_slot primary
  k delete deploy "$GREEN" >/dev/null
  log "finished: $SVC runs $image from the primary slot; record the tag in git / run deploy.sh with it"
}

cmd_status() {
  log "Service $SVC selects slot: $(selected_slot)"
  k get deploy -l "app.kubernetes.io/name=$SVC" -o custom-columns='NAME:.metadata.name,READY:.status.readyReplicas,WANT:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image'
}

case $CMD in
  deploy) cmd_deploy ;;
  test) cmd_test ;;
  switch) cmd_switch ;;
  rollback) cmd_rollback ;;
  finish) cmd_finish ;;
  status) cmd_status ;;
  *) usage ;;
esac
