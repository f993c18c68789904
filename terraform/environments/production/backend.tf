# State lives in the environment's own account, created once by terraform/bootstrap.
# The DynamoDB table serialises applies; the bucket is versioned so a bad state can be rolled back.
terraform {
  backend "s3" {
    bucket         = "knowledge-network-tfstate-production"
    key            = "knowledge-network/production/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "knowledge-network-tflock"
    encrypt        = true
  }
}
