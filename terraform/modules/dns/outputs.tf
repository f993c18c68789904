output "certificate_arn" {
  description = "Validated ACM certificate for the Ingress."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "hostname" {
  description = "Public host name."
  value       = var.hostname
}
