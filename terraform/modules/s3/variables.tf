variable "name_prefix" {
  type        = string
  description = "Prefix of the bucket name; the account id is appended for global uniqueness."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for SSE-KMS."
}

variable "expiration_days" {
  type        = number
  description = "Days after which attachments are deleted."
  default     = 7
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
