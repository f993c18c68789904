variable "name_prefix" {
  type        = string
  description = "Prefix of the CI role name, e.g. kn-production."
}

variable "services" {
  type        = list(string)
  description = "One repository knowledge-network/<service> per service image."
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key encrypting the images."
}

variable "keep_images" {
  type        = number
  description = "Tagged images kept per repository."
  default     = 100
}

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository whose workflows may push and deploy."
}

variable "github_environment" {
  type        = string
  description = "GitHub environment the deploy job must run in (its protection rules gate deploys)."
}

variable "create_github_oidc_provider" {
  type        = bool
  description = "Create the account-wide GitHub OIDC provider (false if the account already has one)."
  default     = true
}

variable "eks_cluster_arn" {
  type        = string
  description = "Cluster the deploy role may describe (for kubeconfig)."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
