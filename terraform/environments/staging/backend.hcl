# Where staging's state lives (the partial backend "s3" of terraform/platform/versions.tf).
bucket         = "knowledge-network-tfstate-staging"
key            = "knowledge-network/staging/terraform.tfstate"
region         = "eu-west-1"
dynamodb_table = "knowledge-network-tflock"
encrypt        = true
