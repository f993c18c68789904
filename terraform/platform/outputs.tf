# scripts/sync-cluster-values.sh copies these into k8s/overlays/<environment>/cluster-values.env;
# the other scripts read the rest.
output "environment" {
  description = "Environment name."
  value       = var.environment
}

output "aws_account_id" {
  description = "AWS account of the environment."
  value       = var.aws_account_id
}

output "aws_region" {
  description = "AWS region of the environment."
  value       = var.aws_region
}

output "eks_cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "rds_endpoint" {
  description = "Aurora writer endpoint (DATABASE_HOST)."
  value       = module.aurora.writer_endpoint
}

output "rds_reader_endpoint" {
  description = "Aurora reader endpoint."
  value       = module.aurora.reader_endpoint
}

output "rds_cluster_identifier" {
  description = "Aurora cluster identifier (backup, restore and failover scripts)."
  value       = module.aurora.cluster_identifier
}

output "rds_master_user_secret_arn" {
  description = "Secret with the Aurora master credentials (bootstrap and restore only)."
  value       = module.aurora.master_user_secret_arn
}

output "redis_endpoint" {
  description = "ElastiCache primary endpoint (REDIS_URL, with the token, is in the app-secrets secret)."
  value       = module.redis.primary_endpoint
}

output "opensearch_endpoint" {
  description = "OPENSEARCH_URL."
  value       = module.opensearch.endpoint
}

output "opensearch_domain_name" {
  description = "OpenSearch domain name."
  value       = module.opensearch.domain_name
}

output "s3_bucket_name" {
  description = "Attachment bucket (S3_BUCKET)."
  value       = module.s3.bucket_name
}

output "ecr_registry" {
  description = "ECR registry host (ECR_REGISTRY)."
  value       = module.ecr.registry
}

output "ecr_repository_urls" {
  description = "ECR repository URL per service."
  value       = module.ecr.repository_urls
}

output "github_deploy_role_arn" {
  description = "Role for the GitHub deploy workflow (repository variable AWS_DEPLOY_ROLE_ARN)."
  value       = module.ecr.deploy_role_arn
}

output "irsa_role_arns" {
  description = "IRSA role per controller and application ServiceAccount."
  value       = module.eks.role_arns
}

output "acm_certificate_arn" {
  description = "Certificate of the Ingress (ACM_CERTIFICATE_ARN)."
  value       = module.dns.certificate_arn
}

output "api_hostname" {
  description = "Host of the API and token issuer (API_HOSTNAME)."
  value       = module.dns.hostnames[0]
}

output "admin_hostname" {
  description = "Host of the admin console (ADMIN_HOSTNAME)."
  value       = module.dns.hostnames[1]
}

output "attachments_kms_key_arn" {
  description = "KMS key of the attachment bucket; keep-extractor names it on every upload (ATTACHMENTS_KMS_KEY_ARN)."
  value       = module.s3.kms_key_arn
}

output "vpc_id" {
  description = "VPC id (AWS Load Balancer Controller install)."
  value       = module.vpc.vpc_id
}

output "public_subnets_cidr" {
  description = "Aggregate CIDR of the public subnets (PUBLIC_SUBNETS_CIDR)."
  value       = module.vpc.public_subnets_cidr
}

output "vpc_cidr" {
  description = "The VPC's CIDR (VPC_CIDR): every pod's address is in it (VPC CNI)."
  value       = module.vpc.vpc_cidr
}

output "data_subnets_cidr" {
  description = "Aggregate CIDR of the data subnets (DATA_SUBNETS_CIDR)."
  value       = module.vpc.data_subnets_cidr
}

output "sns_topic_arn" {
  description = "Alarm topic."
  value       = module.monitoring.sns_topic_arn
}

output "cloudwatch_dashboard_url" {
  description = "CloudWatch dashboard of the data stores."
  value       = module.monitoring.dashboard_url
}
