#!/usr/bin/env bash
# Writes k8s/overlays/<env>/cluster-values.env from the environment's terraform outputs, so
# the manifests point at this environment's registry, data stores, hosts, certificate, keys and
# subnets. Review the diff and commit it: what git holds is what gets deployed.
#
#   scripts/sync-cluster-values.sh <staging|production>
#
# Needs terraform initialised for <env> (scripts/terraform.sh <env> init) and AWS credentials
# to read its state. Every output is read on its own and must succeed and have the shape of
# its value (a failed or empty output, or a warning printed in its place, is refused); the file
# is only replaced when all of them do.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}
check_env "$ENV"
require terraform jq

out=$(cluster_values_file "$ENV")
tmp=$(mktemp)

REGION_RE='[a-z]{2}(-[a-z]+)+-[0-9]'
HOST_RE='[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+'
CIDR_RE='([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}'

# shape KEY VALUE: 0 when VALUE has the shape KEY needs (the same rules as
# k8s/policy-test/cluster-values.test.mjs, without the CHANGE_ME placeholders).
shape() {
  local key=$1 v=$2 account region
  account=$(grep -m1 '^AWS_ACCOUNT_ID=' "$tmp" | cut -d= -f2)
  region=$(grep -m1 '^AWS_REGION=' "$tmp" | cut -d= -f2)
  case $key in
    ENVIRONMENT) [[ $v == "$ENV" ]] ;;
    AWS_ACCOUNT_ID) [[ $v =~ ^[0-9]{12}$ ]] ;;
    AWS_REGION) [[ $v =~ ^$REGION_RE$ ]] ;;
    ECR_REGISTRY) [[ $v == "$account.dkr.ecr.$region.amazonaws.com" ]] ;;
    API_HOSTNAME | ADMIN_HOSTNAME) [[ $v =~ ^$HOST_RE$ ]] ;;
    ACM_CERTIFICATE_ARN) [[ $v =~ ^arn:aws:acm:$region:$account:certificate/[0-9a-f-]{36}$ ]] ;;
    PUBLIC_SUBNETS_CIDR | DATA_SUBNETS_CIDR | VPC_CIDR) [[ $v =~ ^$CIDR_RE$ ]] ;;
    DATABASE_HOST) [[ $v =~ ^[a-z0-9-]+\.cluster-[a-z0-9]+\.$region\.rds\.amazonaws\.com$ ]] ;;
    OPENSEARCH_URL) [[ $v =~ ^https://vpc-[a-z0-9-]+\.$region\.es\.amazonaws\.com:443$ ]] ;;
    S3_BUCKET) [[ $v =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] ;;
    ATTACHMENTS_KMS_KEY_ARN) [[ $v =~ ^arn:aws:kms:$region:$account:key/([0-9a-f-]{36}|mrk-[0-9a-f]{32})$ ]] ;;
    *) return 1 ;;
  esac
}

# put KEY OUTPUT: reads one terraform output and appends KEY=value, or stops with the reason.
put() {
  local key=$1 output=$2 value
  value=$(tf_output "$ENV" "$output" 2>"$tmp.err") ||
    die "terraform output $output failed: $(tr '\n' ' ' <"$tmp.err")"
  [[ -n $value ]] || die "terraform output $output is empty"
  [[ $value != *$'\n'* ]] || die "terraform output $output is more than one line: '$value'"
  shape "$key" "$value" || die "terraform output $output = '$value' is not a valid $key"
  printf '%s=%s\n' "$key" "$value" >>"$tmp"
}
trap 'rm -f "$tmp" "$tmp.err"' EXIT

{
  echo "# Terraform outputs of terraform/environments/$ENV, copied here by"
  echo "#   scripts/sync-cluster-values.sh $ENV"
  echo "# and committed, so what is deployed is reviewable. Nothing in this file is secret."
} >"$tmp"
put ENVIRONMENT environment
put AWS_ACCOUNT_ID aws_account_id
put AWS_REGION aws_region
put ECR_REGISTRY ecr_registry
put API_HOSTNAME api_hostname
put ADMIN_HOSTNAME admin_hostname
put ACM_CERTIFICATE_ARN acm_certificate_arn
put PUBLIC_SUBNETS_CIDR public_subnets_cidr
put DATA_SUBNETS_CIDR data_subnets_cidr
put VPC_CIDR vpc_cidr
put DATABASE_HOST rds_endpoint
put OPENSEARCH_URL opensearch_endpoint
put S3_BUCKET s3_bucket_name
put ATTACHMENTS_KMS_KEY_ARN attachments_kms_key_arn

mv "$tmp" "$out"
rm -f "$tmp.err"
trap - EXIT
log "wrote $out"
git -C "$REPO_ROOT" diff --stat -- "$out" || true
