variable "name" {
  type        = string
  description = "Replication group id and prefix of related resources."
}

variable "engine_version" {
  type        = string
  description = "Redis engine version."
  default     = "7.1"
}

variable "node_type" {
  type        = string
  description = "Cache node type."
}

variable "num_cache_clusters" {
  type        = number
  description = "Primary plus replicas; at least 2 for Multi-AZ failover."
  default     = 2

  validation {
    condition     = var.num_cache_clusters >= 2
    error_message = "Multi-AZ needs at least two nodes."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the replication group."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Data subnets (three AZs)."
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect on 6379 (the EKS node groups)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for data at rest."
}

variable "logs_kms_key_arn" {
  type        = string
  description = "KMS key of the slow log group."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the slow log."
  default     = 30
}

variable "snapshot_retention_days" {
  type        = number
  description = "Daily snapshots kept. Redis holds only transient state (ops are snapshotted to PostgreSQL), so this is a convenience, not the recovery path."
  default     = 1
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
