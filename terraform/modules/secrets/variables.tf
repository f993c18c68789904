variable "name_prefix" {
  type        = string
  description = "Secret name prefix; the k8s ExternalSecrets read <prefix>/<name> (knowledge-network)."
  default     = "knowledge-network"
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the secrets."
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored (0 deletes at once)."
  default     = 30
}

variable "db_app_username" {
  type        = string
  description = "PostgreSQL role the services log in as (created by scripts/bootstrap-databases.sh)."
  default     = "kn_app"
}

variable "redis_url" {
  type        = string
  description = "REDIS_URL including the auth token, from module elasticache-redis."
  sensitive   = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
