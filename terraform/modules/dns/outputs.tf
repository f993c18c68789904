output "certificate_arn" {
  description = "Validated ACM certificate for the Ingress."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "hostnames" {
  description = "Host names the certificate covers."
  value       = var.hostnames
}
