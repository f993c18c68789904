output "primary_endpoint" {
  description = "Primary endpoint address."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint" {
  description = "Reader endpoint address."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "redis_url" {
  description = "REDIS_URL for the services: TLS (rediss) with the auth token."
  value       = "rediss://:${random_password.auth_token.result}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
  sensitive   = true
}

output "replication_group_id" {
  description = "Replication group id (CloudWatch dimension)."
  value       = aws_elasticache_replication_group.this.id
}

output "member_clusters" {
  description = "Cache cluster ids of the nodes (CloudWatch dimension CacheClusterId)."
  # ElastiCache names members <group>-001, -002, ...; spelled out so the ids are known at plan
  # time and can drive for_each in module monitoring.
  value = [for i in range(var.num_cache_clusters) : format("%s-%03d", var.name, i + 1)]
}
