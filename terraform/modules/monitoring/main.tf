# AWS-side signals that Prometheus inside the cluster cannot see: the managed data stores.
# Application and Kubernetes alerts are PrometheusRules (k8s/base/monitoring).
data "aws_region" "current" {}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.sns_kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  actions = [aws_sns_topic.alarms.arn]

  # OpenSearch reports FreeStorageSpace per node in MiB; alarm under 10% of one node's volume.
  opensearch_min_free_mib = var.opensearch_volume_size_gb * 1024 * 0.10
}

resource "aws_cloudwatch_metric_alarm" "aurora_cpu" {
  alarm_name          = "${var.name}-aurora-cpu-high"
  alarm_description   = "Aurora CPU above 80% for 15 minutes (docs/RUNBOOK.md#aws-aurora-alarms)"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBClusterIdentifier = var.aurora_cluster_identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "aurora_connections" {
  alarm_name          = "${var.name}-aurora-connections-high"
  alarm_description   = "Aurora connections near max_connections (docs/RUNBOOK.md#kndatabaseconnectionsexhausted)"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBClusterIdentifier = var.aurora_cluster_identifier }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.aurora_max_connections * 0.9
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "aurora_freeable_memory" {
  alarm_name          = "${var.name}-aurora-memory-low"
  alarm_description   = "Aurora freeable memory under 10% of the instance (docs/RUNBOOK.md#aws-aurora-alarms)"
  namespace           = "AWS/RDS"
  metric_name         = "FreeableMemory"
  dimensions          = { DBClusterIdentifier = var.aurora_cluster_identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 3
  threshold           = var.aurora_instance_memory_bytes * 0.10
  comparison_operator = "LessThanThreshold"
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "aurora_replica_lag" {
  alarm_name          = "${var.name}-aurora-replica-lag"
  alarm_description   = "Aurora replica lag above 1 s: failover would lose recent writes' visibility (docs/RUNBOOK.md#aws-aurora-alarms)"
  namespace           = "AWS/RDS"
  metric_name         = "AuroraReplicaLagMaximum"
  dimensions          = { DBClusterIdentifier = var.aurora_cluster_identifier }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = 1000
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "redis_cpu" {
  for_each = toset(var.redis_member_clusters)

  alarm_name          = "${var.name}-redis-cpu-high-${each.key}"
  alarm_description   = "Redis engine CPU above 80% (docs/RUNBOOK.md#aws-redis-alarms)"
  namespace           = "AWS/ElastiCache"
  metric_name         = "EngineCPUUtilization"
  dimensions          = { CacheClusterId = each.key }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "redis_memory" {
  for_each = toset(var.redis_member_clusters)

  alarm_name          = "${var.name}-redis-memory-high-${each.key}"
  alarm_description   = "Redis memory above 90% (docs/RUNBOOK.md#aws-redis-alarms)"
  namespace           = "AWS/ElastiCache"
  metric_name         = "DatabaseMemoryUsagePercentage"
  dimensions          = { CacheClusterId = each.key }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  threshold           = 90
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "opensearch_red" {
  alarm_name          = "${var.name}-opensearch-red"
  alarm_description   = "OpenSearch cluster status red: some primary shards unassigned (docs/RUNBOOK.md#aws-opensearch-alarms)"
  namespace           = "AWS/ES"
  metric_name         = "ClusterStatus.red"
  dimensions          = { DomainName = var.opensearch_domain_name, ClientId = var.account_id }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "opensearch_storage" {
  alarm_name          = "${var.name}-opensearch-disk-low"
  alarm_description   = "OpenSearch node free storage under 10% (docs/RUNBOOK.md#kndiskspacelow)"
  namespace           = "AWS/ES"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DomainName = var.opensearch_domain_name, ClientId = var.account_id }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = local.opensearch_min_free_mib
  comparison_operator = "LessThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "opensearch_jvm" {
  alarm_name          = "${var.name}-opensearch-jvm-pressure"
  alarm_description   = "OpenSearch JVM memory pressure above 90% (docs/RUNBOOK.md#aws-opensearch-alarms)"
  namespace           = "AWS/ES"
  metric_name         = "JVMMemoryPressure"
  dimensions          = { DomainName = var.opensearch_domain_name, ClientId = var.account_id }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  threshold           = 90
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "Aurora CPU and connections"
          region = data.aws_region.current.name
          view   = "timeSeries"
          metrics = [
            ["AWS/RDS", "CPUUtilization", "DBClusterIdentifier", var.aurora_cluster_identifier],
            ["AWS/RDS", "DatabaseConnections", "DBClusterIdentifier", var.aurora_cluster_identifier, { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "Aurora latency and replica lag"
          region = data.aws_region.current.name
          view   = "timeSeries"
          metrics = [
            ["AWS/RDS", "CommitLatency", "DBClusterIdentifier", var.aurora_cluster_identifier],
            ["AWS/RDS", "AuroraReplicaLagMaximum", "DBClusterIdentifier", var.aurora_cluster_identifier, { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Redis engine CPU and memory"
          region = data.aws_region.current.name
          view   = "timeSeries"
          metrics = concat(
            [for id in var.redis_member_clusters : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", id]],
            [for id in var.redis_member_clusters : ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id, { yAxis = "right" }]],
          )
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title  = "OpenSearch health and storage"
          region = data.aws_region.current.name
          view   = "timeSeries"
          metrics = [
            ["AWS/ES", "ClusterStatus.red", "DomainName", var.opensearch_domain_name, "ClientId", var.account_id],
            ["AWS/ES", "ClusterStatus.yellow", "DomainName", var.opensearch_domain_name, "ClientId", var.account_id],
            ["AWS/ES", "FreeStorageSpace", "DomainName", var.opensearch_domain_name, "ClientId", var.account_id, { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 24, height = 6
        properties = {
          title  = "OpenSearch indexing and search latency"
          region = data.aws_region.current.name
          view   = "timeSeries"
          metrics = [
            ["AWS/ES", "IndexingLatency", "DomainName", var.opensearch_domain_name, "ClientId", var.account_id],
            ["AWS/ES", "SearchLatency", "DomainName", var.opensearch_domain_name, "ClientId", var.account_id],
          ]
        }
      },
    ]
  })
}
