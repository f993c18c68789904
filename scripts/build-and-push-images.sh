#!/usr/bin/env bash
# Builds every service image from this checkout and pushes it to the environment's ECR as
# <registry>/knowledge-network/<service>:<git-sha>.
#
#   scripts/build-and-push-images.sh <staging|production> [--tag <git-sha>] [--no-push] [--allow-dirty] [--ids-file FILE]
#   scripts/build-and-push-images.sh <staging|production> --tag <git-sha> --push-only --ids-file FILE
#
# The image is each module's src/main/docker/Dockerfile.jvm (non-root, uid 185); JVM sizing
# comes from the pod (JAVA_OPTS in the service ConfigMap), not from the image. The web app's
# (frontend) is web/Dockerfile, built from web/ (npm ci and next build inside the image). Tags are
# immutable in ECR: a tag that already exists is left alone, never overwritten.
#
# Scanned images are pushed, never rebuilt: CI builds with --no-push --ids-file (each image's id,
# the digest of its configuration, one "service id" a line), scans those images, then pushes the
# very same ones with --push-only --ids-file, which refuses an image whose id changed since and
# checks that ECR now holds that image under the tag (the digest docker push reported is ECR's).
# Needs JDK 21+, docker (or a compatible builder), and for pushing the aws CLI.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
TAG="" PUSH=1 BUILD=1 ALLOW_DIRTY=0 IDS_FILE=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --tag) TAG=${2:-}; shift 2 ;;
    --no-push) PUSH=0; shift ;;
    --push-only) BUILD=0; shift ;;
    --ids-file) IDS_FILE=${2:-}; shift 2 ;;
    --allow-dirty) ALLOW_DIRTY=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done
check_env "$ENV"
require docker git
cd "$REPO_ROOT"
[[ $BUILD == 1 || $PUSH == 1 ]] || die "--no-push and --push-only together do nothing"
if [[ $BUILD == 0 ]]; then
  [[ -n $TAG ]] || die "--push-only needs the --tag the images were built with"
  [[ -s $IDS_FILE ]] || die "--push-only needs the --ids-file written when the images were built (and scanned)"
fi

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

# ecr_digest SERVICE: the manifest digest ECR holds under TAG, empty when the tag is not there.
ecr_digest() {
  aws ecr describe-images --region "$region" --repository-name "knowledge-network/$1" \
    --image-ids "imageTag=$TAG" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true
}

# push_image SERVICE IMAGE: pushes IMAGE and checks that ECR holds what was pushed under TAG.
push_image() {
  local s=$1 image=$2 pushed held
  docker push "$image" | tee "$WORK/push.log"
  pushed=$(grep -oE 'digest: sha256:[0-9a-f]{64}' "$WORK/push.log" | tail -1 | cut -d' ' -f2)
  [[ -n $pushed ]] || die "docker push of $image reported no digest"
  held=$(ecr_digest "$s")
  [[ $held == "$pushed" ]] || die "ECR holds $held under $TAG for $s, not the pushed $pushed"
  log "pushed $registry/knowledge-network/$s@$pushed"
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ $BUILD == 0 ]]; then
  for s in "${SERVICES[@]}"; do
    image="$registry/knowledge-network/$s:$TAG"
    want=$(awk -v s="$s" '$1 == s { print $2 }' "$IDS_FILE")
    [[ -n $want ]] || die "$IDS_FILE has no image id for $s"
    have=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) || die "$image is not in the local image store: build (and scan) it first"
    [[ $have == "$want" ]] || die "$image is $have, not the $want that was built and scanned: refusing to push it"
    held=$(ecr_digest "$s")
    if [[ -n $held && $held != None ]]; then
      log "WARNING: $image is already in ECR ($held, immutable); the scanned $want is not pushed"
      continue
    fi
    push_image "$s" "$image"
  done
  log "pushed the scanned images tagged $TAG"
  exit 0
fi

[[ -z $IDS_FILE ]] || : >"$IDS_FILE"
log "building the services (tests run in CI before this)"
modules=$(printf '%s\n' "${SERVICES[@]}" | grep -vx "$WEB" | paste -sd, -)
./mvnw -B -ntp package -DskipTests -pl "$modules" -am

for s in "${SERVICES[@]}"; do
  image="$registry/knowledge-network/$s:$TAG"
  if [[ $PUSH == 1 ]] && held=$(ecr_digest "$s") && [[ -n $held && $held != None ]]; then
    log "$image already in ECR ($held); skipping"
    continue
  fi
  log "building $image"
  dockerfile="$s/src/main/docker/Dockerfile.jvm" context=$s
  [[ $s == "$WEB" ]] && dockerfile=web/Dockerfile context=web
  docker build --pull \
    --label "org.opencontainers.image.revision=$TAG" \
    --label "org.opencontainers.image.source=knowledge-network/$s" \
    -f "$dockerfile" -t "$image" "$context"
  [[ -z $IDS_FILE ]] || printf '%s %s\n' "$s" "$(docker image inspect --format '{{.Id}}' "$image")" >>"$IDS_FILE"
  if [[ $PUSH == 1 ]]; then
    push_image "$s" "$image"
  fi
done
log "images tagged $TAG"
