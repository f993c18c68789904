#!/usr/bin/env bash
# Writes k8s/overlays/<env>/cluster-values.env from the environment's terraform outputs, so
# the manifests point at this environment's registry, data stores, certificate and subnets.
# Review the diff and commit it: what git holds is what gets deployed.
#
#   scripts/sync-cluster-values.sh <staging|production>
#
# Needs terraform initialised for <env> (scripts/terraform.sh <env> init) and AWS credentials
# to read its state.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}
check_env "$ENV"
require terraform jq

out=$(cluster_values_file "$ENV")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

{
  echo "# Terraform outputs of terraform/environments/$ENV, copied here by"
  echo "#   scripts/sync-cluster-values.sh $ENV"
  echo "# and committed, so what is deployed is reviewable. Nothing in this file is secret."
  echo "ENVIRONMENT=$(tf_output "$ENV" environment)"
  echo "AWS_ACCOUNT_ID=$(tf_output "$ENV" aws_account_id)"
  echo "AWS_REGION=$(tf_output "$ENV" aws_region)"
  echo "ECR_REGISTRY=$(tf_output "$ENV" ecr_registry)"
  echo "PUBLIC_HOSTNAME=$(tf_output "$ENV" public_hostname)"
  echo "ACM_CERTIFICATE_ARN=$(tf_output "$ENV" acm_certificate_arn)"
  echo "PUBLIC_SUBNETS_CIDR=$(tf_output "$ENV" public_subnets_cidr)"
  echo "DATA_SUBNETS_CIDR=$(tf_output "$ENV" data_subnets_cidr)"
  echo "DATABASE_HOST=$(tf_output "$ENV" rds_endpoint)"
  echo "OPENSEARCH_URL=$(tf_output "$ENV" opensearch_endpoint)"
  echo "S3_BUCKET=$(tf_output "$ENV" s3_bucket_name)"
} >"$tmp"

[[ $(grep -c '=' "$tmp") -eq 11 ]] || die "some terraform outputs were empty"
mv "$tmp" "$out"
trap - EXIT
log "wrote $out"
git -C "$REPO_ROOT" diff --stat -- "$out" || true
