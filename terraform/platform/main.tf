# Wiring of every environment, written once. An environment is only its state
# (environments/<env>/backend.hcl) and its sizes (environments/<env>/terraform.tfvars):
#   scripts/terraform.sh <env> init|plan|apply|output ...   (docs/DEPLOYMENT.md step 3)
locals {
  name = "kn-${var.environment}"
  tags = {
    Project     = "knowledge-network"
    Environment = var.environment
    ManagedBy   = "terraform"
  }

  # An ECR repository and an IRSA role (without policies unless listed below) for each; frontend is the
  # web app (web/, issue 17).
  services = ["api-gateway", "knowledge-api", "collab-websocket", "search-indexer", "sync-service", "keep-extractor", "notion-writer", "frontend"]

  # AWS permissions per k8s ServiceAccount (IRSA). Services not listed here get a role
  # without policies, so every ServiceAccount annotation resolves.
  workload_policies = {
    "keep-extractor"          = { s3 = module.s3.access_policy_arn }
    "notion-writer"           = { s3 = module.s3.access_policy_arn }
    "external-secrets-reader" = { secrets = module.secrets.read_policy_arn }
  }

  eks_security_groups = [module.eks.node_security_group_id, module.eks.cluster_primary_security_group_id]
}

module "kms" {
  source = "../modules/kms"

  name_prefix = local.name
  tags        = local.tags
}

module "vpc" {
  source = "../modules/vpc"

  name                    = local.name
  cidr                    = var.vpc_cidr
  single_nat_gateway      = var.single_nat_gateway
  flow_log_retention_days = var.log_retention_days
  logs_kms_key_arn        = module.kms.key_arns["logs"]
  tags                    = local.tags
}

module "eks" {
  source = "../modules/eks"

  cluster_name       = local.name
  kubernetes_version = var.kubernetes_version
  vpc_id             = module.vpc.vpc_id
  private_subnet_ids = module.vpc.private_subnet_ids
  api_allowed_cidrs  = var.eks_api_allowed_cidrs
  kms_key_arn        = module.kms.key_arns["eks"]
  logs_kms_key_arn   = module.kms.key_arns["logs"]
  log_retention_days = var.log_retention_days

  on_demand_instance_types = var.on_demand_instance_types
  on_demand_min_size       = var.on_demand_min_size
  on_demand_desired_size   = var.on_demand_desired_size
  on_demand_max_size       = var.on_demand_max_size
  spot_max_size            = var.spot_max_size

  role_name_prefix = local.name
  workload_roles = {
    for sa in concat(local.services, ["external-secrets-reader"]) :
    sa => { policy_arns = lookup(local.workload_policies, sa, {}) }
  }
  namespace_admin_role_arns = { github-deploy = module.ecr.deploy_role_arn }

  tags = local.tags
}

module "aurora" {
  source = "../modules/aurora-postgresql"

  name                       = local.name
  instance_class             = var.aurora_instance_class
  instance_count             = var.aurora_instance_count
  availability_zones         = module.vpc.azs
  vpc_id                     = module.vpc.vpc_id
  db_subnet_group_name       = module.vpc.database_subnet_group_name
  allowed_security_group_ids = local.eks_security_groups
  kms_key_arn                = module.kms.key_arns["rds"]
  secrets_kms_key_arn        = module.kms.key_arns["secrets"]
  backup_retention_days      = var.aurora_backup_retention_days
  deletion_protection        = var.deletion_protection
  tags                       = local.tags
}

module "redis" {
  source = "../modules/elasticache-redis"

  name                       = local.name
  node_type                  = var.redis_node_type
  num_cache_clusters         = var.redis_num_cache_clusters
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.data_subnet_ids
  allowed_security_group_ids = local.eks_security_groups
  kms_key_arn                = module.kms.key_arns["elasticache"]
  logs_kms_key_arn           = module.kms.key_arns["logs"]
  tags                       = local.tags
}

module "opensearch" {
  source = "../modules/opensearch"

  name                       = local.name
  instance_type              = var.opensearch_instance_type
  instance_count             = var.opensearch_instance_count
  dedicated_master_type      = var.opensearch_dedicated_master_type
  volume_size_gb             = var.opensearch_volume_size_gb
  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.data_subnet_ids
  allowed_security_group_ids = local.eks_security_groups
  kms_key_arn                = module.kms.key_arns["opensearch"]
  logs_kms_key_arn           = module.kms.key_arns["logs"]
  create_service_linked_role = var.create_opensearch_service_linked_role
  tags                       = local.tags
}

module "s3" {
  source = "../modules/s3"

  name_prefix = "knowledge-network-${var.environment}"
  kms_key_arn = module.kms.key_arns["s3"]
  tags        = local.tags
}

module "ecr" {
  source = "../modules/ecr"

  name_prefix                 = local.name
  services                    = local.services
  kms_key_arn                 = module.kms.key_arns["ecr"]
  github_repository           = var.github_repository
  github_environment          = var.environment
  create_github_oidc_provider = var.create_github_oidc_provider
  eks_cluster_arn             = module.eks.cluster_arn
  tags                        = local.tags
}

module "secrets" {
  source = "../modules/secrets"

  kms_key_arn          = module.kms.key_arns["secrets"]
  recovery_window_days = var.secrets_recovery_window_days
  redis_url            = module.redis.redis_url
  tags                 = local.tags
}

module "monitoring" {
  source = "../modules/monitoring"

  name                         = local.name
  account_id                   = var.aws_account_id
  alarm_emails                 = var.alarm_emails
  sns_kms_key_arn              = module.kms.key_arns["sns"]
  aurora_cluster_identifier    = module.aurora.cluster_identifier
  aurora_max_connections       = var.aurora_max_connections
  aurora_instance_memory_bytes = var.aurora_instance_memory_gib * 1024 * 1024 * 1024
  redis_member_clusters        = module.redis.member_clusters
  opensearch_domain_name       = module.opensearch.domain_name
  opensearch_volume_size_gb    = var.opensearch_volume_size_gb
  tags                         = local.tags
}

module "dns" {
  source = "../modules/dns"

  zone_name  = var.dns_zone_name
  hostnames  = [var.api_hostname, var.admin_hostname]
  alb_name   = local.name
  alb_exists = var.alb_exists
  tags       = local.tags
}

# Records which environment this state belongs to. Planning one environment's tfvars against
# the other's state would replace it, and prevent_destroy turns that plan into an error before
# anything is touched. (Tearing an environment down: `terraform state rm` this first.)
resource "terraform_data" "environment_pin" {
  triggers_replace = var.environment

  lifecycle {
    prevent_destroy = true
  }
}
