#!/usr/bin/env bash
# scripts/deploy.sh against a fake kubectl: a deploy that fails after it applied the platform objects
# puts the previous ConfigMaps back (and deletes the ones it created) — before it undoes the
# Deployments, so the pods the undo starts read the previous settings — and a deploy that succeeds
# leaves them alone. Run by bin/check-ops; prints PASS/FAIL.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

repo=$work/repo
mkdir -p "$repo/k8s" "$work/bin"
cp -r "$root/scripts" "$repo/"
(cd "$root/k8s" && tar --exclude=node_modules --exclude=.deploy -cf - .) | (cd "$repo/k8s" && tar -xf -)
cat >"$repo/k8s/overlays/staging/cluster-values.env" <<'VALUES'
ENVIRONMENT=staging
AWS_ACCOUNT_ID=123456789012
AWS_REGION=eu-west-1
ECR_REGISTRY=123456789012.dkr.ecr.eu-west-1.amazonaws.com
API_HOSTNAME=api.staging.example.com
ADMIN_HOSTNAME=admin.staging.example.com
ACM_CERTIFICATE_ARN=arn:aws:acm:eu-west-1:123456789012:certificate/0f6a8c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b
PUBLIC_SUBNETS_CIDR=10.30.192.0/22
DATA_SUBNETS_CIDR=10.30.200.0/22
VPC_CIDR=10.30.0.0/16
DATABASE_HOST=kn-staging.cluster-c9abcdef1234.eu-west-1.rds.amazonaws.com
OPENSEARCH_URL=https://vpc-kn-staging-abc123.eu-west-1.es.amazonaws.com:443
S3_BUCKET=knowledge-network-staging-images-123456789012
ATTACHMENTS_KMS_KEY_ARN=arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
VALUES
# The migrations stand-in: FAKE_MIGRATIONS=fail makes them fail.
printf '#!/usr/bin/env bash\n[[ ${FAKE_MIGRATIONS:-ok} == ok ]]\n' >"$repo/scripts/run-migrations.sh"

# kubectl: every call is logged; answers as a cluster where the release before had only
# api-gateway-config (LOG_LEVEL=OLD). FAKE_ROLLOUT=fail makes rollout status fail.
real_kubectl=$(command -v kubectl)
cat >"$work/bin/kubectl" <<FAKE
#!/usr/bin/env bash
echo "kubectl \$*" >>"$work/calls"
args=("\$@")
[[ \${args[0]} == -n ]] && args=("\${args[@]:2}")
case "\${args[*]}" in
  kustomize*) exec "$real_kubectl" "\${args[@]}" ;;
  "create --dry-run=client -o json -f "*)
    node --input-type=module -e '
      import { readFileSync } from "node:fs";
      import { createRequire } from "node:module";
      const { parseAllDocuments } = createRequire("$root/k8s/policy-test/")("yaml");
      const items = parseAllDocuments(readFileSync(process.argv[1], "utf8")).map((d) => d.toJS()).filter(Boolean);
      console.log(JSON.stringify({ apiVersion: "v1", kind: "List", items }));' "\${args[-1]}" ;;
  "get namespace"*) exit 0 ;;
  "auth can-i"*) echo yes ;;
  "get deploy -o name") ;;
  "get deploy -o json") echo '{"items": [{"metadata": {"name": "api-gateway"}, "spec": {"replicas": 4}}]}' ;;
  "get deploy "*" -o jsonpath="*) echo 7 ;;
  "get configmap -o json")
    echo '{"items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "api-gateway-config", "resourceVersion": "41", "uid": "u-1", "creationTimestamp": "2025-01-01T00:00:00Z"}, "data": {"LOG_LEVEL": "OLD"}},
                     {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kube-root-ca.crt"}, "data": {}}]}' ;;
  "replace -f "*) cp "\${args[-1]}" "$work/replaced.json" ;;
  "rollout status"*) [[ \${FAKE_ROLLOUT:-ok} == ok ]] ;;
  "port-forward"*) exec sleep 30 ;;
  *) exit 0 ;;
esac
FAKE
printf '#!/bin/sh\nexit 0\n' >"$work/bin/curl"
chmod +x "$work/bin/kubectl" "$work/bin/curl"

status=0
pass() { echo "PASS deploy.sh: $1"; }
failed() { echo "FAIL deploy.sh: $1"; sed 's/^/    /' "$work/out" | tail -20; status=1; }
deploy() {
  rm -f "$work/calls" "$work/replaced.json"
  env "$@" KN_SKIP_CONTEXT_CHECK=1 PATH="$work/bin:$PATH" "$repo/scripts/deploy.sh" staging --tag 0123456789abcdef --skip-public-check >"$work/out" 2>&1
}
first() { grep -n -m1 -- "$1" "$work/calls" | cut -d: -f1; }

deploy FAKE_MIGRATIONS=fail
if [[ $? -ne 0 ]] && jq -e '.items | length == 1 and .[0].metadata.name == "api-gateway-config" and .[0].data.LOG_LEVEL == "OLD" and (.[0].metadata | has("resourceVersion") | not)' "$work/replaced.json" >/dev/null 2>&1 \
  && grep -q 'delete configmap knowledge-api-config' "$work/calls" && ! grep -q 'delete configmap api-gateway-config' "$work/calls" \
  && ! grep -q 'rollout undo' "$work/calls"; then
  pass "failed migrations: the previous api-gateway-config is put back, the ConfigMaps it created are deleted, no Deployment touched"
else
  failed "failed migrations: the ConfigMaps were not restored as expected"
fi

deploy FAKE_ROLLOUT=fail
replaced=$(first 'replace -f') undo=$(first 'rollout undo')
if [[ -n $replaced && -n $undo && $replaced -lt $undo ]] && grep -q 'rollout undo deploy/api-gateway --to-revision=7' "$work/calls"; then
  pass "failed rollout: the ConfigMaps are restored before the Deployments are undone"
else
  failed "failed rollout: restore (line ${replaced:-none}) must come before rollout undo (line ${undo:-none})"
fi

deploy
if [[ $? -eq 0 ]] && ! grep -qE 'replace -f|delete configmap|rollout undo' "$work/calls"; then
  pass "a deploy that succeeds leaves the ConfigMaps as applied"
else
  failed "a deploy that succeeds must not restore or undo anything"
fi
exit $status
