output "repository_urls" {
  description = "Repository URL per service."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "registry" {
  description = "Registry host (ECR_REGISTRY in k8s cluster-values)."
  value       = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${data.aws_region.current.name}.amazonaws.com"
}

output "deploy_role_arn" {
  description = "Role GitHub Actions assumes to push images and deploy."
  value       = aws_iam_role.deploy.arn
}
