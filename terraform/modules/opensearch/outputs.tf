output "endpoint" {
  description = "OPENSEARCH_URL for the services."
  value       = "https://${aws_opensearch_domain.this.endpoint}:443"
}

output "domain_name" {
  description = "Domain name (CloudWatch dimension DomainName)."
  value       = aws_opensearch_domain.this.domain_name
}

output "domain_arn" {
  description = "Domain ARN."
  value       = aws_opensearch_domain.this.arn
}
