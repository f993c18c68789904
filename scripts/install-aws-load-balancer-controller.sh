#!/usr/bin/env bash
# Installs or upgrades the AWS Load Balancer Controller, which turns the k8s Ingress into the
# ALB (TLS with the ACM certificate, HTTP->HTTPS redirect, pod IP targets).
#
#   scripts/install-aws-load-balancer-controller.sh <staging|production>
#
# Its IAM role (IRSA) is terraform's kn-<env>-aws-load-balancer-controller. Needs helm,
# kubectl and terraform outputs.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# Chart 1.13.x ships controller v2.13. Bump deliberately: read the release notes for IAM
# policy changes (terraform's policy comes from terraform-aws-modules/iam).
CHART_VERSION=1.13.3

ENV=${1:-}
on_cluster "$ENV" helm kubectl terraform jq

cluster=$(tf_output "$ENV" eks_cluster_name)
region=$(tf_output "$ENV" aws_region)
vpc_id=$(tf_output "$ENV" vpc_id)
role_arn=$(tf_output_json "$ENV" irsa_role_arns | jq -r '.["aws-load-balancer-controller"]')

helm repo add eks https://aws.github.io/eks-charts >/dev/null
helm repo update eks >/dev/null
helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller \
  --namespace kube-system \
  --version "$CHART_VERSION" \
  --set clusterName="$cluster" \
  --set region="$region" \
  --set vpcId="$vpc_id" \
  --set replicaCount=2 \
  --set serviceAccount.create=true \
  --set serviceAccount.name=aws-load-balancer-controller \
  --set-string serviceAccount.annotations."eks\.amazonaws\.com/role-arn"="$role_arn" \
  --wait --timeout 10m
kubectl -n kube-system rollout status deploy/aws-load-balancer-controller --timeout=5m
log "AWS Load Balancer Controller $CHART_VERSION ready on $cluster"
