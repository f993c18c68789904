output "sns_topic_arn" {
  description = "Topic the alarms publish to (subscribe paging here)."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_url" {
  description = "Console URL of the CloudWatch dashboard."
  value       = "https://${data.aws_region.current.name}.console.aws.amazon.com/cloudwatch/home?region=${data.aws_region.current.name}#dashboards:name=${aws_cloudwatch_dashboard.this.dashboard_name}"
}
