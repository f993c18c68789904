output "secret_arns" {
  description = "Secret ARN per name."
  value       = { for name, s in aws_secretsmanager_secret.this : name => s.arn }
}

output "read_policy_arn" {
  description = "IAM policy to read the application secrets (for the External Secrets role)."
  value       = aws_iam_policy.read.arn
}

output "operator_supplied" {
  description = "Secrets an operator must fill with aws secretsmanager put-secret-value."
  value       = sort(tolist(local.external))
}
