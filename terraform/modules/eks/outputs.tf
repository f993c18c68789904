output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "cluster_arn" {
  description = "EKS cluster ARN."
  value       = module.eks.cluster_arn
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "oidc_provider_arn" {
  description = "IRSA OIDC provider."
  value       = module.eks.oidc_provider_arn
}

output "node_security_group_id" {
  description = "Security group of the nodes; pods share it (VPC CNI without security groups for pods)."
  value       = module.eks.node_security_group_id
}

output "cluster_primary_security_group_id" {
  description = "Cluster security group EKS attaches to managed nodes."
  value       = module.eks.cluster_primary_security_group_id
}

output "role_arns" {
  description = "IRSA role ARN per controller and application ServiceAccount."
  value       = { for name, role in module.irsa : name => role.iam_role_arn }
}
