variable "environment" {
  type        = string
  description = "Environment whose state this account holds: staging or production."
}

variable "aws_account_id" {
  type        = string
  description = "AWS account of the environment."
}

variable "aws_region" {
  type        = string
  description = "Region of the state bucket and lock table (the backend.hcl region)."
  default     = "eu-west-1"
}
