#!/usr/bin/env bash
# Installs or upgrades the cluster add-ons the manifests rely on, each at a pinned chart version:
#   metrics-server            resource metrics for the HPAs
#   cluster-autoscaler        adds nodes (on-demand and spot groups) when pods are pending
#   external-secrets          ExternalSecret/SecretStore (external-secrets.io/v1beta1)
#   kube-prometheus-stack     Prometheus (ServiceMonitors, PrometheusRules), Alertmanager, Grafana
#   aws-load-balancer-controller  (scripts/install-aws-load-balancer-controller.sh)
#
#   scripts/install-cluster-addons.sh <staging|production>
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

METRICS_SERVER_CHART=3.12.2
CLUSTER_AUTOSCALER_CHART=9.46.6
# The manifests use external-secrets.io/v1beta1; stay on a release that still serves it and
# move the manifests to v1 before upgrading past it.
EXTERNAL_SECRETS_CHART=0.14.4
KUBE_PROMETHEUS_STACK_CHART=70.4.2

ENV=${1:-}
on_cluster "$ENV" helm kubectl terraform jq

cluster=$(tf_output "$ENV" eks_cluster_name)
region=$(tf_output "$ENV" aws_region)
roles=$(tf_output_json "$ENV" irsa_role_arns)

helm repo add metrics-server https://kubernetes-sigs.github.io/metrics-server/ >/dev/null
helm repo add autoscaler https://kubernetes.github.io/autoscaler >/dev/null
helm repo add external-secrets https://charts.external-secrets.io >/dev/null
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts >/dev/null
helm repo update >/dev/null

log "metrics-server"
helm upgrade --install metrics-server metrics-server/metrics-server -n kube-system \
  --version "$METRICS_SERVER_CHART" --set replicas=2 --wait

log "cluster-autoscaler"
# Expander least-waste alone: "priority,least-waste" was split by helm on the comma (the install failed and set -e
# skipped every add-on after it), and the priority expander needs a ConfigMap of priorities that nothing created.
helm upgrade --install cluster-autoscaler autoscaler/cluster-autoscaler -n kube-system \
  --version "$CLUSTER_AUTOSCALER_CHART" \
  --set autoDiscovery.clusterName="$cluster" \
  --set awsRegion="$region" \
  --set rbac.serviceAccount.name=cluster-autoscaler \
  --set-string rbac.serviceAccount.annotations."eks\.amazonaws\.com/role-arn"="$(jq -r '.["cluster-autoscaler"]' <<<"$roles")" \
  --set extraArgs.balance-similar-node-groups=true \
  --set extraArgs.expander=least-waste \
  --wait

log "external-secrets"
helm upgrade --install external-secrets external-secrets/external-secrets -n external-secrets --create-namespace \
  --version "$EXTERNAL_SECRETS_CHART" --set installCRDs=true --wait

log "kube-prometheus-stack"
# The release name is the "release" label the ServiceMonitors and PrometheusRules carry.
# Dashboards are picked up from ConfigMaps labelled grafana_dashboard=1 in any namespace.
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack -n monitoring --create-namespace \
  --version "$KUBE_PROMETHEUS_STACK_CHART" \
  --set grafana.sidecar.dashboards.enabled=true \
  --set grafana.sidecar.dashboards.label=grafana_dashboard \
  --set-string grafana.sidecar.dashboards.labelValue=1 \
  --set grafana.sidecar.dashboards.searchNamespace=ALL \
  --set grafana.sidecar.dashboards.folderAnnotation=grafana_folder \
  --set grafana.sidecar.dashboards.provider.foldersFromFilesStructure=true \
  --set prometheus.prometheusSpec.retention=15d \
  --set prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage=100Gi \
  --wait --timeout 15m

"$REPO_ROOT/scripts/install-aws-load-balancer-controller.sh" "$ENV"
log "add-ons installed on $cluster; configure Alertmanager receivers (docs/DEPLOYMENT.md step 6)"
