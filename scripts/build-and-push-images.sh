#!/usr/bin/env bash
# Builds every service image from this checkout and pushes it to the environment's ECR as
# <registry>/knowledge-network/<service>:<git-sha>.
#
#   scripts/build-and-push-images.sh <staging|production> [--tag <git-sha>] [--no-push] [--allow-dirty]
#
# The image is each module's src/main/docker/Dockerfile.jvm (non-root, uid 185); JVM sizing
# comes from the pod (JAVA_OPTS in the service ConfigMap), not from the image. Tags are
# immutable in ECR: a tag that already exists is left alone, never overwritten.
# Needs JDK 21+, docker (or a compatible builder), and for pushing the aws CLI.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
TAG="" PUSH=1 ALLOW_DIRTY=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    --no-push) PUSH=0; shift ;;
    --allow-dirty) ALLOW_DIRTY=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
check_env "$ENV"
require docker git
cd "$REPO_ROOT"

if [[ -z $TAG ]]; then
  # An image tag must name exactly the source it was built from.
  if [[ $ALLOW_DIRTY == 0 && -n $(git status --porcelain --untracked-files=no) ]]; then
    die "uncommitted changes: commit them, or pass --allow-dirty for a local image"
  fi
  TAG=$(git rev-parse HEAD)
fi
check_tag "$TAG"

registry=$(cluster_value "$ENV" ECR_REGISTRY)
if [[ $PUSH == 1 ]]; then
  require aws
  assert_cluster_values_filled "$ENV"
  region=$(cluster_value "$ENV" AWS_REGION)
  aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
fi

log "building the services (tests run in CI before this)"
modules=$(IFS=,; echo "${SERVICES[*]}")
./mvnw -B -ntp package -DskipTests -pl "$modules" -am

for s in "${SERVICES[@]}"; do
  image="$registry/knowledge-network/$s:$TAG"
  if [[ $PUSH == 1 ]] && aws ecr describe-images --region "$region" --repository-name "knowledge-network/$s" \
    --image-ids "imageTag=$TAG" >/dev/null 2>&1; then
    log "$image already in ECR; skipping"
    continue
  fi
  log "building $image"
  docker build --pull \
    --label "org.opencontainers.image.revision=$TAG" \
    --label "org.opencontainers.image.source=knowledge-network/$s" \
    -f "$s/src/main/docker/Dockerfile.jvm" -t "$image" "$s"
  if [[ $PUSH == 1 ]]; then
    docker push "$image"
  fi
done
log "images tagged $TAG"
