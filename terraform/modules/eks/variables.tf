variable "cluster_name" {
  type        = string
  description = "EKS cluster name."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane and node groups."
  default     = "1.33"
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets (three AZs) for the control plane ENIs and the nodes."
}

variable "api_allowed_cidrs" {
  type        = list(string)
  description = "CIDRs allowed to reach the public Kubernetes API endpoint (office VPN, CI egress)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for envelope encryption of Kubernetes Secrets."
}

variable "logs_kms_key_arn" {
  type        = string
  description = "KMS key of the control plane log group."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of control plane and application (container) logs."
  default     = 90
}

variable "on_demand_instance_types" {
  type        = list(string)
  description = "Instance types of the on-demand node group, all of one size (vCPU and memory): the cluster autoscaler sizes a group by its first type."
  default     = ["t3.xlarge"]
}

variable "on_demand_min_size" {
  type        = number
  description = "Minimum on-demand nodes (at least one per AZ)."
  default     = 3
}

variable "on_demand_desired_size" {
  type        = number
  description = "Initial on-demand nodes; afterwards the cluster autoscaler owns the count."
  default     = 6
}

variable "on_demand_max_size" {
  type        = number
  description = "Maximum on-demand nodes."
  default     = 20
}

variable "spot_instance_types" {
  type        = list(string)
  description = "Instance types of the spot node group: several types make interruptions less correlated, all of one size (4 vCPU, 16 GiB) because the cluster autoscaler sizes a group by its first type."
  default     = ["t3.xlarge", "t3a.xlarge", "m5.xlarge", "m5a.xlarge", "m6i.xlarge"]
}

variable "spot_max_size" {
  type        = number
  description = "Maximum spot nodes (the group starts at 0)."
  default     = 20
}

variable "app_namespace" {
  type        = string
  description = "Namespace of the application workloads."
  default     = "knowledge-network"
}

variable "role_name_prefix" {
  type        = string
  description = "Prefix of IRSA role names; the k8s ServiceAccounts expect kn-<environment>."
}

variable "workload_roles" {
  type = map(object({
    policy_arns = map(string)
  }))
  description = "One IRSA role per application ServiceAccount in app_namespace, keyed by ServiceAccount name, with the policies it needs."
}

variable "namespace_admin_role_arns" {
  type        = map(string)
  description = "IAM roles (e.g. the CI deploy role) given admin rights inside app_namespace only."
  default     = {}
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
