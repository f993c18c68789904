output "bucket_name" {
  description = "S3_BUCKET for the services."
  value       = aws_s3_bucket.images.bucket
}

output "bucket_arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.images.arn
}

output "access_policy_arn" {
  description = "IAM policy granting the services read/write on the bucket."
  value       = aws_iam_policy.access.arn
}

output "kms_key_arn" {
  description = "The bucket's SSE-KMS key; uploads must name it (the bucket policy refuses any other)."
  value       = var.kms_key_arn
}
