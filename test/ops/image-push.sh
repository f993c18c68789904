#!/usr/bin/env bash
# scripts/build-and-push-images.sh against a fake docker and aws: the images CI scans are the images
# it pushes. The build records each image's id; --push-only builds nothing, refuses an image whose id
# changed since, and checks that ECR holds the digest docker push reported. The deploy workflow uses
# exactly that sequence. Run by bin/check-ops; prints PASS/FAIL.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

repo=$work/repo
mkdir -p "$repo/k8s/overlays/production" "$work/bin" "$work/images" "$work/ecr"
cp -r "$root/scripts" "$repo/"
printf 'ECR_REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com\nAWS_REGION=eu-west-1\n' >"$repo/k8s/overlays/production/cluster-values.env"
printf '#!/bin/sh\necho "mvnw $*" >>"%s/calls"\n' "$work" >"$repo/mvnw"
git -C "$repo" init -q && git -C "$repo" -c user.email=t@t -c user.name=t commit -q --allow-empty -m init

# docker: an image store of files; FAKE_CHANGED=<service> gives that image another id after the build.
cat >"$work/bin/docker" <<FAKE
#!/usr/bin/env bash
echo "docker \$*" >>"$work/calls"
key() { echo "\$1" | tr '/:' '__'; }
case "\$1" in
  login) cat >/dev/null ;;
  build) img=\${*: -2:1}; echo "sha256:\$(echo "\$img\$RANDOM" | sha256sum | cut -c1-64)" >"$work/images/\$(key "\$img")" ;;
  image)
    img=\${*: -1}; f="$work/images/\$(key "\$img")"; [[ -f \$f ]] || exit 1
    if [[ -n \${FAKE_CHANGED:-} && \$img == *"/\$FAKE_CHANGED:"* ]]; then echo sha256:\$(printf 'f%.0s' {1..64}); else cat "\$f"; fi ;;
  push)
    img=\$2; s=\${img##*/}; s=\${s%%:*}; d="sha256:\$(sha256sum <"$work/images/\$(key "\$img")" | cut -c1-64)"
    echo "\${img##*:}: digest: \$d size: 1234"; echo "\$d" >"$work/ecr/\$s" ;;
esac
FAKE
# aws: ECR answers what was pushed; FAKE_ECR=other makes it answer another digest.
cat >"$work/bin/aws" <<FAKE
#!/usr/bin/env bash
echo "aws \$*" >>"$work/calls"
case "\$*" in
  "ecr get-login-password"*) echo secret ;;
  "ecr describe-images"*)
    s=\$(echo "\$*" | grep -oE 'knowledge-network/[a-z-]+' | cut -d/ -f2)
    [[ -f $work/ecr/\$s ]] || exit 254
    if [[ \${FAKE_ECR:-} == other ]]; then echo "sha256:\$(printf '0%.0s' {1..64})"; else cat "$work/ecr/\$s"; fi ;;
esac
FAKE
chmod +x "$work/bin/docker" "$work/bin/aws" "$repo/mvnw"

status=0
tag=0123456789abcdef0123456789abcdef01234567
ids=$work/image-ids.txt
check() { # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "PASS build-and-push-images: $name"; else echo "FAIL build-and-push-images: $name"; sed 's/^/    /' "$work/out" | tail -15; status=1; fi
}
push() { rm -f "$work/calls"; env "${@:2}" PATH="$work/bin:$PATH" "$repo/scripts/build-and-push-images.sh" production --tag "$tag" $1 >"$work/out" 2>&1; }

push "--no-push --ids-file $ids"
check "a build for scanning records the id of each of the 8 images and pushes none" \
  bash -c "[[ \$(grep -cE '^[a-z-]+ sha256:[0-9a-f]{64}$' '$ids') == 8 ]] && ! grep -q 'docker push' '$work/calls'"
check "the web app's image (frontend) is built from web/Dockerfile in web/, and Maven builds only the Quarkus services" \
  bash -c "grep -qE 'docker build .*-f web/Dockerfile -t [^ ]+/knowledge-network/frontend:$tag web\$' '$work/calls' \
    && grep -E '^mvnw ' '$work/calls' | grep -q -- '-pl api-gateway,knowledge-api,collab-websocket,search-indexer,sync-service,keep-extractor,notion-writer ' \
    && ! grep -E '^mvnw ' '$work/calls' | grep -q frontend"

push "--push-only --ids-file $ids" FAKE_CHANGED=notion-writer
check "an image whose id changed after the scan is refused, not pushed" \
  bash -c "! grep -q 'docker push .*/notion-writer:' '$work/calls' && grep -q 'refusing to push' '$work/out'"
rm -f "$work"/ecr/*

push "--push-only --ids-file $ids" FAKE_ECR=other
check "a push whose digest ECR does not hold is an error" \
  bash -c "grep -q 'not the pushed' '$work/out'"
rm -f "$work"/ecr/*

push "--push-only --ids-file $ids"
code=$?
check "the scanned images are pushed as they are: 8 pushes, no build, no --pull" \
  bash -c "[[ $code == 0 && \$(grep -c 'docker push' '$work/calls') == 8 ]] && ! grep -qE 'docker build|mvnw' '$work/calls'"

wf=$root/.github/workflows/deploy-production.yml
check "the deploy workflow builds once with --ids-file and pushes with --push-only after the scan" \
  bash -c "grep -q 'build-and-push-images.sh production --tag \"\$GITHUB_SHA\" --no-push --ids-file' '$wf' \
    && grep -q 'build-and-push-images.sh production --tag \"\$GITHUB_SHA\" --push-only --ids-file' '$wf' \
    && [[ \$(grep -c 'build-and-push-images.sh' '$wf') == 2 ]] \
    && grep -q 'for s in .* frontend; do' '$wf' \
    && (( \$(grep -n 'Scan images' '$wf' | cut -d: -f1) < \$(grep -n -- '--push-only' '$wf' | cut -d: -f1) ))"
exit $status
