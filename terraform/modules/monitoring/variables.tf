variable "name" {
  type        = string
  description = "Prefix of alarm names, the SNS topic and the dashboard name."
}

variable "account_id" {
  type        = string
  description = "AWS account id (the ClientId dimension of OpenSearch metrics)."
}

variable "alarm_emails" {
  type        = list(string)
  description = "Addresses subscribed to the alarm topic (each must confirm the subscription)."
  default     = []
}

variable "sns_kms_key_arn" {
  type        = string
  description = "KMS key of the SNS topic (its policy lets CloudWatch use it)."
}

variable "aurora_cluster_identifier" {
  type        = string
  description = "Aurora cluster to watch."
}

variable "aurora_max_connections" {
  type        = number
  description = "max_connections of the Aurora instance class; the alarm fires at 90% of it."
}

variable "aurora_instance_memory_bytes" {
  type        = number
  description = "Memory of the Aurora instance class, in bytes; the alarm fires under 10% freeable."
}

variable "redis_member_clusters" {
  type        = list(string)
  description = "Cache cluster ids of the Redis nodes."
}

variable "opensearch_domain_name" {
  type        = string
  description = "OpenSearch domain to watch."
}

variable "opensearch_volume_size_gb" {
  type        = number
  description = "EBS volume per OpenSearch node, in GiB (base of the 10% free-storage alarm)."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
