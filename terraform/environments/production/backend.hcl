# Where production's state lives (the partial backend "s3" of terraform/platform/versions.tf).
bucket         = "knowledge-network-tfstate-production"
key            = "knowledge-network/production/terraform.tfstate"
region         = "eu-west-1"
dynamodb_table = "knowledge-network-tflock"
encrypt        = true
