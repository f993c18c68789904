terraform {
  required_version = ">= 1.9.0"

  # Partial configuration: bucket, key, region and lock table come from
  # environments/<env>/backend.hcl at init. The bucket and the DynamoDB lock table are created
  # once per account by terraform/bootstrap; the bucket is versioned so a bad state can be
  # rolled back, the table serialises applies.
  backend "s3" {}

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
