variable "name" {
  type        = string
  description = "Cluster identifier and prefix of related resources."
}

variable "engine_version" {
  type        = string
  description = "Aurora PostgreSQL engine version (major 16, matching the parameter group family)."
  default     = "16.6"
}

variable "instance_class" {
  type        = string
  description = "Instance class of the writer and readers."
}

variable "instance_count" {
  type        = number
  description = "Writer plus readers; at least 2 for Multi-AZ failover."
  default     = 2

  validation {
    condition     = var.instance_count >= 2
    error_message = "At least two instances (writer and one reader in another AZ)."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "AZs the instances are placed in, in order."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster."
}

variable "db_subnet_group_name" {
  type        = string
  description = "Subnet group over the data subnets."
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect on 5432 (the EKS node groups)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for storage, snapshots and Performance Insights."
}

variable "secrets_kms_key_arn" {
  type        = string
  description = "KMS key of the RDS-managed master user secret."
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups and point-in-time restore (1-35)."
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the cluster until this is turned off."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
