#!/usr/bin/env bash
# scripts/sync-cluster-values.sh against a fake terraform on PATH: it writes the file when every output
# is sane, and refuses — leaving the committed file as it was — when one output fails, is empty, is a
# warning printed in place of a value, or has the wrong shape. Run by bin/check-ops; prints PASS/FAIL.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the scripts in a scratch repository, so the real overlay is never written.
repo=$work/repo
mkdir -p "$repo/k8s/overlays/staging" "$repo/terraform/platform/.terraform-staging" "$work/bin"
cp -r "$root/scripts" "$repo/"
echo '{"backend": {"config": {"key": "knowledge-network/staging/terraform.tfstate"}}}' \
  >"$repo/terraform/platform/.terraform-staging/terraform.tfstate"
echo "# committed before" >"$repo/k8s/overlays/staging/cluster-values.env"

# terraform -chdir=... output -raw NAME, answering from a table; FAKE_FAIL, FAKE_EMPTY, FAKE_WARN and
# FAKE_VALUE (name=value) spoil one output.
cat >"$work/bin/terraform" <<'FAKE'
#!/usr/bin/env bash
name=${*: -1}
[[ $name == "${FAKE_FAIL:-}" ]] && { echo "Error: Output \"$name\" not found" >&2; exit 1; }
[[ $name == "${FAKE_EMPTY:-}" ]] && exit 0
[[ $name == "${FAKE_WARN:-}" ]] && { printf '╷\n│ Warning: No outputs found\n╵\n'; exit 0; }
[[ ${FAKE_VALUE:-} == "$name="* ]] && { printf '%s' "${FAKE_VALUE#*=}"; exit 0; }
case $name in
  environment) v=staging ;;
  aws_account_id) v=123456789012 ;;
  aws_region) v=eu-west-1 ;;
  ecr_registry) v=123456789012.dkr.ecr.eu-west-1.amazonaws.com ;;
  api_hostname) v=api.staging.example.com ;;
  admin_hostname) v=admin.staging.example.com ;;
  acm_certificate_arn) v=arn:aws:acm:eu-west-1:123456789012:certificate/0f6a8c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b ;;
  public_subnets_cidr) v=10.30.192.0/22 ;;
  data_subnets_cidr) v=10.30.200.0/22 ;;
  vpc_cidr) v=10.30.0.0/16 ;;
  rds_endpoint) v=kn-staging.cluster-c9abcdef1234.eu-west-1.rds.amazonaws.com ;;
  opensearch_endpoint) v=https://vpc-kn-staging-abc123.eu-west-1.es.amazonaws.com:443 ;;
  s3_bucket_name) v=knowledge-network-staging-images-123456789012 ;;
  attachments_kms_key_arn) v=arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab ;;
  *) echo "Error: Output \"$name\" not found" >&2; exit 1 ;;
esac
printf '%s' "$v"
FAKE
chmod +x "$work/bin/terraform"

status=0
file=$repo/k8s/overlays/staging/cluster-values.env
# expect NAME ok|refused ENV...: runs the script with ENV set; checks its exit status and the file.
expect() {
  local name=$1 want=$2 code; shift 2
  cp "$file" "$work/before"
  env "$@" PATH="$work/bin:$PATH" "$repo/scripts/sync-cluster-values.sh" staging >"$work/out" 2>&1
  code=$?
  if [[ $want == ok && $code == 0 && $(grep -c '^[A-Z0-9_]*=.' "$file") == 14 ]]; then
    echo "PASS sync-cluster-values: $name: written"
  elif [[ $want == refused && $code != 0 ]] && cmp -s "$file" "$work/before"; then
    echo "PASS sync-cluster-values: $name: refused ($(grep -o 'ERROR: .*' "$work/out" | head -1))"
  else
    echo "FAIL sync-cluster-values: $name: wanted $want, exit $code"
    sed 's/^/    /' "$work/out"
    status=1
  fi
}

expect "every output sane" ok
expect "terraform fails for one output" refused FAKE_FAIL=s3_bucket_name
expect "an output is empty" refused FAKE_EMPTY=rds_endpoint
expect "a warning printed in place of a value" refused FAKE_WARN=opensearch_endpoint
expect "an account id that is not one" refused FAKE_VALUE=aws_account_id=CHANGE_ME
expect "a registry of another account" refused FAKE_VALUE=ecr_registry=999999999999.dkr.ecr.eu-west-1.amazonaws.com
expect "a KMS key that is an alias" refused FAKE_VALUE=attachments_kms_key_arn=alias/aws/s3
expect "the other environment's state" refused FAKE_VALUE=environment=production
exit $status
