#!/usr/bin/env bash
# The admin routes of search-indexer (its README, "Admin routes"), shared by scripts/reindex.sh and
# scripts/indexer-dead-letters.sh; sourced after lib/common.sh, never run on its own.
#
# The routes live on the management port (9090 in the pod) and answer only requests from the pod's own
# loopback, which is where kubectl port-forward arrives: who may run these scripts is who may
# port-forward to pods in the namespace (Kubernetes RBAC). Locally, bin/stack's search-indexer
# answers on 127.0.0.1:9083.
# shellcheck disable=SC2034  # INDEXER_BODY and INDEXER_STATUS are read by the sourcing scripts

INDEXER_URL=""
INDEXER_FORWARD_PID=""
INDEXER_BODY=""
INDEXER_STATUS=""

# indexer_admin_connect ENV|--local: sets INDEXER_URL to one search-indexer's management interface:
# a port-forward to one running pod (ended when the script exits), or the local service
# (KN_INDEXER_MANAGEMENT_URL, default http://127.0.0.1:9083). The whole script talks to that one pod.
indexer_admin_connect() {
  local env=${1:-} pod port tries
  if [[ $env == --local ]]; then
    require curl jq
    INDEXER_URL=${KN_INDEXER_MANAGEMENT_URL:-http://127.0.0.1:9083}
  else
    on_cluster "$env" kubectl curl jq
    pod=$(kubectl -n "$NAMESPACE" get pods -l app.kubernetes.io/name=search-indexer --field-selector=status.phase=Running \
      -o jsonpath='{.items[0].metadata.name}')
    [[ -n $pod ]] || die "no running search-indexer pod in $NAMESPACE"
    port=${KN_INDEXER_FORWARD_PORT:-19090}
    kubectl -n "$NAMESPACE" port-forward "pod/$pod" "$port:9090" >/dev/null 2>&1 &
    INDEXER_FORWARD_PID=$!
    trap indexer_admin_disconnect EXIT
    INDEXER_URL="http://127.0.0.1:$port"
    log "search-indexer pod $pod through a port-forward on $INDEXER_URL"
  fi
  for ((tries = 0; tries < 30; tries++)); do
    curl -fsS -o /dev/null "$INDEXER_URL/q/health/live" 2>/dev/null && return 0
    [[ -z $INDEXER_FORWARD_PID ]] || kill -0 "$INDEXER_FORWARD_PID" 2>/dev/null || die "kubectl port-forward to $pod ended"
    sleep 1
  done
  die "search-indexer does not answer on $INDEXER_URL"
}

indexer_admin_disconnect() {
  [[ -z $INDEXER_FORWARD_PID ]] || kill "$INDEXER_FORWARD_PID" 2>/dev/null || true
}

# indexer_admin METHOD PATH: calls an admin route; its answer in INDEXER_BODY, the HTTP status in
# INDEXER_STATUS.
indexer_admin() {
  local out
  out=$(curl -sS -X "$1" -w '\n%{http_code}' "$INDEXER_URL$2") || die "calling $1 $2 on search-indexer failed"
  INDEXER_STATUS=${out##*$'\n'}
  INDEXER_BODY=${out%$'\n'*}
}
