variable "name" {
  type        = string
  description = "Domain name (at most 28 characters)."
}

variable "engine_version" {
  type        = string
  description = "OpenSearch engine version."
  default     = "OpenSearch_2.17"
}

variable "instance_type" {
  type        = string
  description = "Data node instance type."
}

variable "instance_count" {
  type        = number
  description = "Data nodes; a multiple of 3 so every AZ holds a copy."
  default     = 3

  validation {
    condition     = var.instance_count % 3 == 0
    error_message = "Use a multiple of three data nodes (three-AZ zone awareness)."
  }
}

variable "dedicated_master_type" {
  type        = string
  description = "Instance type of three dedicated master nodes, or null for none."
  default     = null
}

variable "volume_size_gb" {
  type        = number
  description = "EBS volume per data node, in GiB (also the base of the free-storage alarm)."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the domain."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Data subnets, one per AZ (three)."
}

variable "allowed_security_group_ids" {
  type        = list(string)
  description = "Security groups allowed to connect on 443 (the EKS node groups)."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for data at rest."
}

variable "logs_kms_key_arn" {
  type        = string
  description = "KMS key of the domain's log groups."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the domain's logs."
  default     = 30
}

variable "create_service_linked_role" {
  type        = bool
  description = "Create the account-wide OpenSearch service-linked role (false if it already exists)."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
