#!/usr/bin/env bash
# Helpers shared by the operational scripts; sourced, never run on its own.
# shellcheck disable=SC2034  # variables are used by the sourcing scripts

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NAMESPACE=knowledge-network
# Every Deployment a release rolls out. frontend is the web app (web/, node): its image comes from
# web/Dockerfile, its health is /healthz on 8080 (no management port); the others are Quarkus services.
SERVICES=(api-gateway knowledge-api collab-websocket search-indexer sync-service keep-extractor notion-writer frontend)
WEB=frontend
MIGRATION_JOBS=(knowledge-api-migrate sync-service-migrate)

log() { printf '%s  %s\n' "$(date -u +%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "this script needs '$tool' on PATH"
  done
}

check_env() {
  [[ ${1:-} == staging || ${1:-} == production ]] || die "environment must be staging or production (got '${1:-}')"
}

check_service() {
  local s
  for s in "${SERVICES[@]}"; do [[ $s == "${1:-}" ]] && return 0; done
  die "unknown service '${1:-}' (one of: ${SERVICES[*]})"
}

check_tag() {
  [[ ${1:-} =~ ^[0-9a-f]{7,40}$ ]] || die "image tag must be a git SHA (got '${1:-}')"
}

cluster_values_file() { echo "$REPO_ROOT/k8s/overlays/$1/cluster-values.env"; }

# cluster_value ENV KEY: a value terraform wrote into the overlay (scripts/sync-cluster-values.sh).
cluster_value() {
  local line
  line=$(grep -E "^$2=" "$(cluster_values_file "$1")") || die "$2 missing from $(cluster_values_file "$1")"
  printf '%s\n' "${line#*=}"
}

assert_cluster_values_filled() {
  if grep -q CHANGE_ME "$(cluster_values_file "$1")"; then
    die "$(cluster_values_file "$1") still has CHANGE_ME placeholders: run scripts/sync-cluster-values.sh $1 after terraform apply"
  fi
}

# on_cluster ENV TOOL...: how a script that acts on ENV's cluster starts: a known environment,
# the tools it needs on PATH, and the kube context of that environment's cluster.
on_cluster() {
  check_env "${1:-}"
  require "${@:2}"
  check_kube_context "$1"
}

# The kube context must be the environment's cluster (aws eks update-kubeconfig names contexts
# by cluster ARN). KN_SKIP_CONTEXT_CHECK=1 skips this for renamed contexts.
check_kube_context() {
  local env=$1 ctx
  [[ ${KN_SKIP_CONTEXT_CHECK:-0} == 1 ]] && return 0
  ctx=$(kubectl config current-context 2>/dev/null) || die "no kube context; run: aws eks update-kubeconfig --name kn-$env"
  [[ $ctx == *"cluster/kn-$env" || $ctx == "kn-$env" ]] ||
    die "kube context is '$ctx', not the kn-$env cluster (aws eks update-kubeconfig --name kn-$env)"
}

# Terraform of one environment: the one root terraform/platform, run in the environment's own
# working directory terraform/platform/.terraform-<env> (TF_DATA_DIR), so an initialised
# staging backend is never used for production or the reverse.
TF_ROOT="$REPO_ROOT/terraform/platform"

tf_data_dir() { echo "$TF_ROOT/.terraform-$1"; }

# check_tf_backend ENV: the working directory of ENV was initialised with ENV's backend.hcl.
check_tf_backend() {
  local state key
  state="$(tf_data_dir "$1")/terraform.tfstate"
  [[ -f $state ]] || die "terraform is not initialised for $1: run scripts/terraform.sh $1 init"
  key=$(jq -r '.backend.config.key // empty' "$state")
  [[ $key == "knowledge-network/$1/terraform.tfstate" ]] ||
    die "$state points at state '$key', not $1's: run scripts/terraform.sh $1 init -reconfigure"
}

# tf ENV ARGS...: terraform ARGS for ENV, after checking which state it would touch.
tf() {
  local env=$1
  shift
  check_tf_backend "$env"
  TF_DATA_DIR=".terraform-$env" terraform -chdir="$TF_ROOT" "$@"
}

tf_output() { tf "$1" output -raw "$2"; }

tf_output_json() { tf "$1" output -json "$2"; }

# render_overlay ENV TAG OUT: renders the overlay with every service image at TAG. The wrapper
# kustomization lives inside k8s/ (git-ignored) because kustomize only loads relative paths.
render_overlay() {
  local env=$1 tag=$2 out=$3 registry dir s
  registry=$(cluster_value "$env" ECR_REGISTRY)
  dir="$REPO_ROOT/k8s/.deploy/$env"
  mkdir -p "$dir"
  {
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "resources:"
    echo "  - ../../overlays/$env"
    echo "images:"
    for s in "${SERVICES[@]}"; do
      echo "  - name: $registry/knowledge-network/$s"
      echo "    newTag: \"$tag\""
    done
  } >"$dir/kustomization.yaml"
  kubectl kustomize "$dir" >"$out"
}

# to_json YAML OUT: a kubectl List of the rendered objects (needs the cluster for CRD mapping).
to_json() {
  kubectl create --dry-run=client -o json -f "$1" >"$2"
  # A single object is not wrapped in a List; make the shape uniform.
  jq 'if .kind == "List" then . else {apiVersion: "v1", kind: "List", items: [.]} end' "$2" >"$2.tmp" && mv "$2.tmp" "$2"
}

# wait_job NAME TIMEOUT_SECONDS: 0 when the Job completed, 1 when it failed or timed out.
wait_job() {
  local name=$1 timeout=$2 waited=0 status
  while ((waited < timeout)); do
    status=$(kubectl -n "$NAMESPACE" get job "$name" -o json |
      jq -r '[.status.conditions[]? | select(.status == "True") | .type] | join(",")')
    case ",$status," in
      *,Complete,*) return 0 ;;
      *,Failed,*) return 1 ;;
    esac
    sleep 5
    waited=$((waited + 5))
  done
  return 1
}

# probe_pod_health TARGET: liveness and readiness of one pod of TARGET (deploy/x or svc/x)
# through a port-forward, which reaches the pod without crossing its NetworkPolicies.
probe_pod_health() {
  local target=$1 port pid ok=0 path remote=9090 paths=(/q/health/live /q/health/ready)
  # The web app is a node server: one health endpoint, on its HTTP port.
  [[ ${target#*/} == "$WEB" ]] && { remote=8080; paths=(/healthz); }
  port=$((20000 + RANDOM % 20000))
  kubectl -n "$NAMESPACE" port-forward "$target" "$port:$remote" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 20); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port${paths[0]}" 2>/dev/null && break
    sleep 1
  done
  for path in "${paths[@]}"; do
    if ! curl -fsS --max-time 5 "http://127.0.0.1:$port$path" >/dev/null; then
      log "$target: $path is not UP"
      ok=1
    fi
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return "$ok"
}

# run_maintenance_pod NAME IMAGE UID SCRIPT [ENV_JSON]: runs SCRIPT with sh in a one-off pod
# that satisfies the namespace's restricted Pod Security and the "maintenance" NetworkPolicy,
# streams its output, deletes it, and returns its exit status. ENV_JSON is a JSON array of
# container env entries (secretKeyRef keeps credentials out of the pod spec).
run_maintenance_pod() {
  local name=$1 image=$2 uid=$3 script=$4 env_json=${5:-[]} phase
  kubectl -n "$NAMESPACE" delete pod "$name" --ignore-not-found --wait=true >/dev/null
  jq -n --arg name "$name" --arg image "$image" --argjson uid "$uid" --arg script "$script" --argjson env "$env_json" '{
    apiVersion: "v1", kind: "Pod",
    metadata: {name: $name, labels: {"kn.io/maintenance": "true", "app.kubernetes.io/part-of": "knowledge-network"}},
    spec: {
      restartPolicy: "Never", automountServiceAccountToken: false,
      securityContext: {runAsNonRoot: true, runAsUser: $uid, runAsGroup: $uid, seccompProfile: {type: "RuntimeDefault"}},
      containers: [{
        name: "main", image: $image, command: ["sh", "-ec", $script],
        env: ($env + [{name: "HOME", value: "/tmp"}]),
        resources: {requests: {cpu: "100m", memory: "128Mi"}, limits: {cpu: "500m", memory: "256Mi"}},
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: ["ALL"]}},
        volumeMounts: [{name: "tmp", mountPath: "/tmp"}]
      }],
      volumes: [{name: "tmp", emptyDir: {}}]
    }}' | kubectl -n "$NAMESPACE" apply -f - >/dev/null
  kubectl -n "$NAMESPACE" wait pod "$name" --for=jsonpath='{.status.phase}'=Running --timeout=180s >/dev/null 2>&1 || true
  kubectl -n "$NAMESPACE" logs -f "$name" || true
  for _ in $(seq 1 60); do
    phase=$(kubectl -n "$NAMESPACE" get pod "$name" -o jsonpath='{.status.phase}')
    [[ $phase == Succeeded || $phase == Failed ]] && break
    sleep 2
  done
  kubectl -n "$NAMESPACE" delete pod "$name" --ignore-not-found >/dev/null
  [[ $phase == Succeeded ]]
}

secret_env() { # secret_env VAR SECRET KEY -> one env entry as JSON
  jq -n --arg v "$1" --arg s "$2" --arg k "$3" '{name: $v, valueFrom: {secretKeyRef: {name: $s, key: $k}}}'
}

configmap_env() { # configmap_env VAR CONFIGMAP KEY -> one env entry as JSON
  jq -n --arg v "$1" --arg c "$2" --arg k "$3" '{name: $v, valueFrom: {configMapKeyRef: {name: $c, key: $k}}}'
}

# Images of the one-off maintenance pods, pinned. Mirror them into ECR if nodes may not pull
# from public registries.
PSQL_IMAGE=postgres:16.9-alpine # psql; uid 70 is the image's postgres user
PSQL_UID=70
CURL_IMAGE=curlimages/curl:8.14.1 # uid 100 is the image's curl_user
CURL_UID=100
