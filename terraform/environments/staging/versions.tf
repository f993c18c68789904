terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.95"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }
}

provider "aws" {
  region = var.aws_region
  # Each environment is its own AWS account; this stops an apply with the wrong credentials.
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = local.tags
  }
}
