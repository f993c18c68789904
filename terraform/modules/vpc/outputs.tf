output "vpc_id" {
  description = "VPC ID."
  value       = module.vpc.vpc_id
}

output "vpc_cidr" {
  description = "VPC CIDR."
  value       = module.vpc.vpc_cidr_block
}

output "azs" {
  description = "The three availability zones in use."
  value       = local.azs
}

output "private_subnet_ids" {
  description = "Subnets of the EKS nodes and pods."
  value       = module.vpc.private_subnets
}

output "public_subnet_ids" {
  description = "Subnets of the ALB and NAT gateways."
  value       = module.vpc.public_subnets
}

output "data_subnet_ids" {
  description = "Subnets of Aurora, ElastiCache and OpenSearch."
  value       = module.vpc.database_subnets
}

output "database_subnet_group_name" {
  description = "RDS subnet group over the data subnets."
  value       = module.vpc.database_subnet_group_name
}

output "public_subnets_cidr" {
  description = "Aggregate CIDR of the public subnets (k8s NetworkPolicy ALB ingress)."
  value       = local.public_block
}

output "data_subnets_cidr" {
  description = "Aggregate CIDR of the data subnets (k8s NetworkPolicy data store egress)."
  value       = local.data_block
}
