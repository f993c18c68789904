variable "environment" {
  type        = string
  description = "Environment name: staging or production. Part of every resource name (kn-<environment>)."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "aws_account_id" {
  type        = string
  description = "AWS account of this environment; the provider refuses any other."
}

variable "aws_region" {
  type        = string
  description = "AWS region of the environment."
}

variable "vpc_cidr" {
  type        = string
  description = "VPC /16; must match PUBLIC_SUBNETS_CIDR and DATA_SUBNETS_CIDR in the k8s overlay (written by scripts/sync-cluster-values.sh)."
}

variable "single_nat_gateway" {
  type        = bool
  description = "Share one NAT gateway between AZs (staging) instead of one per AZ (production)."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of VPC flow logs, EKS control plane logs and application (container) logs."
}

variable "kubernetes_version" {
  type        = string
  description = "EKS Kubernetes version."
}

variable "eks_api_allowed_cidrs" {
  type        = list(string)
  description = "CIDRs allowed to reach the public EKS API endpoint (operators' VPN, CI runners)."
}

variable "on_demand_instance_types" {
  type        = list(string)
  description = "Instance types of the on-demand node group, all of one size (the cluster autoscaler sizes a group by its first type)."
}

variable "on_demand_min_size" {
  type        = number
  description = "Minimum on-demand nodes."
}

variable "on_demand_desired_size" {
  type        = number
  description = "Initial on-demand nodes (the cluster autoscaler owns the count afterwards)."
}

variable "on_demand_max_size" {
  type        = number
  description = "Maximum on-demand nodes."
}

variable "spot_max_size" {
  type        = number
  description = "Maximum spot nodes (minimum is 0)."
}

variable "aurora_instance_class" {
  type        = string
  description = "Aurora instance class."
}

variable "aurora_instance_count" {
  type        = number
  description = "Aurora writer plus readers (Multi-AZ needs at least 2)."
}

variable "aurora_backup_retention_days" {
  type        = number
  description = "Days of Aurora automated backups and point-in-time restore."
}

variable "aurora_max_connections" {
  type        = number
  description = "max_connections of the Aurora instance class (for the connections alarm)."
}

variable "aurora_instance_memory_gib" {
  type        = number
  description = "Memory of the Aurora instance class in GiB (for the freeable-memory alarm)."
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection of the Aurora cluster."
}

variable "redis_node_type" {
  type        = string
  description = "ElastiCache node type."
}

variable "redis_num_cache_clusters" {
  type        = number
  description = "Redis primary plus replicas."
}

variable "opensearch_instance_type" {
  type        = string
  description = "OpenSearch data node type."
}

variable "opensearch_instance_count" {
  type        = number
  description = "OpenSearch data nodes (multiple of 3)."
}

variable "opensearch_dedicated_master_type" {
  type        = string
  description = "Dedicated master node type, or null for none."
  default     = null
}

variable "opensearch_volume_size_gb" {
  type        = number
  description = "EBS volume per OpenSearch data node in GiB."
}

variable "create_opensearch_service_linked_role" {
  type        = bool
  description = "Create the account's OpenSearch service-linked role (false if it exists)."
  default     = true
}

variable "secrets_recovery_window_days" {
  type        = number
  description = "Recovery window of deleted Secrets Manager secrets."
}

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository allowed to push images and deploy."
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account-wide GitHub OIDC provider (false if the account has one)."
  default     = true
}

variable "alarm_emails" {
  type        = list(string)
  description = "E-mail addresses subscribed to the CloudWatch alarm topic."
  default     = []
}

variable "dns_zone_name" {
  type        = string
  description = "Existing public Route 53 zone."
}

variable "api_hostname" {
  type        = string
  description = "Host of the API (GraphQL, WebSocket, JWKS, /api): the token issuer, API_HOSTNAME in the k8s overlay."
}

variable "admin_hostname" {
  type        = string
  description = "Host of the admin console and admin API (api-gateway), ADMIN_HOSTNAME in the k8s overlay."
}

variable "alb_exists" {
  type        = bool
  description = "Set true once the first deploy created the ALB kn-<environment>; creates the DNS alias."
  default     = false
}
