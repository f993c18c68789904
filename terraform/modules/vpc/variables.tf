variable "name" {
  type        = string
  description = "Name of the VPC and prefix of its subnets."
}

variable "cidr" {
  type        = string
  description = "VPC CIDR; must be a /16 for the subnet plan in main.tf."

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && endswith(var.cidr, "/16")
    error_message = "The VPC CIDR must be a valid /16."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "One shared NAT gateway instead of one per AZ (cheaper, but an AZ failure cuts egress)."
  default     = false
}

variable "flow_log_retention_days" {
  type        = number
  description = "Retention of VPC flow logs in CloudWatch Logs."
  default     = 90
}

variable "logs_kms_key_arn" {
  type        = string
  description = "KMS key that encrypts the flow log group."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
