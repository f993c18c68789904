variable "name_prefix" {
  type        = string
  description = "Prefix of key descriptions and aliases, e.g. kn-production."
}

variable "purposes" {
  type        = list(string)
  description = "One key is created per purpose (eks, rds, elasticache, opensearch, s3, secrets, ecr, logs, sns)."
  default     = ["eks", "rds", "elasticache", "opensearch", "s3", "secrets", "ecr", "logs", "sns"]
}

variable "deletion_window_in_days" {
  type        = number
  description = "Waiting period before a scheduled key deletion takes effect; the last chance to undo it."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every key."
  default     = {}
}
