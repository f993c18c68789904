module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "20.37.2"

  cluster_name    = var.cluster_name
  cluster_version = var.kubernetes_version

  vpc_id     = var.vpc_id
  subnet_ids = var.private_subnet_ids

  # kubectl from operators and CI reaches the API over the internet, but only from the
  # listed ranges; nodes use the private endpoint.
  cluster_endpoint_public_access       = true
  cluster_endpoint_public_access_cidrs = var.api_allowed_cidrs
  cluster_endpoint_private_access      = true

  enable_irsa                              = true
  enable_cluster_creator_admin_permissions = true
  authentication_mode                      = "API"

  create_kms_key = false
  cluster_encryption_config = {
    resources        = ["secrets"]
    provider_key_arn = var.kms_key_arn
  }

  cluster_enabled_log_types              = ["api", "audit", "authenticator"]
  cloudwatch_log_group_retention_in_days = var.log_retention_days
  cloudwatch_log_group_kms_key_id        = var.logs_kms_key_arn

  cluster_addons = {
    coredns    = { most_recent = true }
    kube-proxy = { most_recent = true }
    vpc-cni = {
      most_recent    = true
      before_compute = true
      # Without the network policy agent the k8s NetworkPolicies would be accepted and ignored.
      configuration_values = jsonencode({
        enableNetworkPolicy = "true"
      })
    }
    aws-ebs-csi-driver = {
      most_recent              = true
      service_account_role_arn = module.irsa["ebs-csi-controller"].iam_role_arn
    }
    # Application logs: Fluent Bit (and the CloudWatch agent for Container Insights) on every node
    # sends the containers' stdout to /aws/containerinsights/<cluster>/application. Without it only
    # the control plane's logs reached CloudWatch.
    amazon-cloudwatch-observability = {
      most_recent              = true
      service_account_role_arn = module.irsa["cloudwatch-agent"].iam_role_arn
      configuration_values = jsonencode({
        containerLogs = { enabled = true }
      })
    }
  }

  eks_managed_node_groups = {
    on_demand = {
      ami_type       = "AL2023_x86_64_STANDARD"
      capacity_type  = "ON_DEMAND"
      instance_types = var.on_demand_instance_types # one size: see the variable
      min_size       = var.on_demand_min_size
      desired_size   = var.on_demand_desired_size
      max_size       = var.on_demand_max_size
      labels         = { "kn.io/capacity" = "on-demand" }
    }
    # Spot capacity for bursts: HPAs scale out onto it; every workload tolerates losing a pod
    # (PDBs, at least two replicas spread over zones), so an interruption is a reschedule.
    spot = {
      ami_type       = "AL2023_x86_64_STANDARD"
      capacity_type  = "SPOT"
      instance_types = var.spot_instance_types
      min_size       = 0
      desired_size   = 0
      max_size       = var.spot_max_size
      labels         = { "kn.io/capacity" = "spot" }
    }
  }

  # The deploy role gets two things in the application namespace: AmazonEKSAdminPolicy (Kubernetes'
  # own resources) and the Kubernetes group kn-deployers, which k8s/cluster-admin binds to a Role
  # over every kind the deploy applies, custom resources included (EKS access policies do not cover
  # ExternalSecret, SecretStore, ServiceMonitor or PrometheusRule).
  access_entries = {
    for name, arn in var.namespace_admin_role_arns : name => {
      principal_arn     = arn
      kubernetes_groups = [local.deployer_group]
      policy_associations = {
        namespace = {
          policy_arn = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy"
          access_scope = {
            type       = "namespace"
            namespaces = [var.app_namespace]
          }
        }
      }
    }
  }

  tags = var.tags
}

locals {
  # The Kubernetes group of the deploy roles; k8s/cluster-admin/deployer-rbac.yaml binds it.
  deployer_group = "kn-deployers"

  # Controllers installed by scripts/ (docs/DEPLOYMENT.md) plus one role per application
  # ServiceAccount, all named kn-<environment>-<name> as the k8s manifests expect.
  controller_roles = {
    "aws-load-balancer-controller" = {
      service_accounts = ["kube-system:aws-load-balancer-controller"]
      policy_arns      = {}
    }
    "cluster-autoscaler" = {
      service_accounts = ["kube-system:cluster-autoscaler"]
      policy_arns      = {}
    }
    "ebs-csi-controller" = {
      service_accounts = ["kube-system:ebs-csi-controller-sa"]
      policy_arns      = {}
    }
    # The amazon-cloudwatch-observability add-on (CloudWatch agent and Fluent Bit).
    "cloudwatch-agent" = {
      service_accounts = ["amazon-cloudwatch:cloudwatch-agent"]
      policy_arns      = { cloudwatch = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy" }
    }
  }
  workload_roles = {
    for name, role in var.workload_roles : name => {
      service_accounts = ["${var.app_namespace}:${name}"]
      policy_arns      = role.policy_arns
    }
  }
}

module "irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"
  version = "5.59.0"

  for_each = merge(local.controller_roles, local.workload_roles)

  role_name        = "${var.role_name_prefix}-${each.key}"
  role_policy_arns = each.value.policy_arns

  attach_load_balancer_controller_policy = each.key == "aws-load-balancer-controller"
  attach_cluster_autoscaler_policy       = each.key == "cluster-autoscaler"
  cluster_autoscaler_cluster_names       = each.key == "cluster-autoscaler" ? [var.cluster_name] : []
  attach_ebs_csi_policy                  = each.key == "ebs-csi-controller"

  oidc_providers = {
    main = {
      provider_arn               = module.eks.oidc_provider_arn
      namespace_service_accounts = each.value.service_accounts
    }
  }

  tags = var.tags
}

# The add-on's log groups, created here first so that they have a retention and the logs KMS key
# (Fluent Bit would create them without either). Application logs are the containers' stdout;
# performance holds the Container Insights metrics events.
resource "aws_cloudwatch_log_group" "containers" {
  for_each = toset(["application", "performance"])

  name              = "/aws/containerinsights/${var.cluster_name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}
