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

  aurora     = { DBClusterIdentifier = var.aurora_cluster_identifier }
  opensearch = { DomainName = var.opensearch_domain_name, ClientId = var.account_id }

  # Every alarm, keyed by its name after "<name>-". They differ only in metric, dimensions,
  # statistic, window and threshold; notify_ok = false for alarms whose recovery is no news.
  alarms = merge(
    {
      aurora-cpu-high = {
        description = "Aurora CPU above 80% for 15 minutes (docs/RUNBOOK.md#aws-aurora-alarms)"
        namespace   = "AWS/RDS", metric = "CPUUtilization", dimensions = local.aurora
        statistic   = "Average", period = 300, evaluation_periods = 3
        threshold   = 80, comparison = "GreaterThanThreshold", notify_ok = true
      }
      aurora-connections-high = {
        description = "Aurora connections near max_connections (docs/RUNBOOK.md#kndatabaseconnectionsexhausted)"
        namespace   = "AWS/RDS", metric = "DatabaseConnections", dimensions = local.aurora
        statistic   = "Maximum", period = 60, evaluation_periods = 5
        threshold   = var.aurora_max_connections * 0.9, comparison = "GreaterThanThreshold", notify_ok = true
      }
      aurora-memory-low = {
        description = "Aurora freeable memory under 10% of the instance (docs/RUNBOOK.md#aws-aurora-alarms)"
        namespace   = "AWS/RDS", metric = "FreeableMemory", dimensions = local.aurora
        statistic   = "Minimum", period = 300, evaluation_periods = 3
        threshold   = var.aurora_instance_memory_bytes * 0.10, comparison = "LessThanThreshold", notify_ok = false
      }
      aurora-replica-lag = {
        description = "Aurora replica lag above 1 s: failover would lose recent writes' visibility (docs/RUNBOOK.md#aws-aurora-alarms)"
        namespace   = "AWS/RDS", metric = "AuroraReplicaLagMaximum", dimensions = local.aurora
        statistic   = "Maximum", period = 60, evaluation_periods = 5
        threshold   = 1000, comparison = "GreaterThanThreshold", notify_ok = false
      }
      opensearch-red = {
        description = "OpenSearch cluster status red: some primary shards unassigned (docs/RUNBOOK.md#aws-opensearch-alarms)"
        namespace   = "AWS/ES", metric = "ClusterStatus.red", dimensions = local.opensearch
        statistic   = "Maximum", period = 60, evaluation_periods = 1
        threshold   = 1, comparison = "GreaterThanOrEqualToThreshold", notify_ok = true
      }
      # FreeStorageSpace is per node in MiB; alarm under 10% of one node's volume.
      opensearch-disk-low = {
        description = "OpenSearch node free storage under 10% (docs/RUNBOOK.md#kndiskspacelow)"
        namespace   = "AWS/ES", metric = "FreeStorageSpace", dimensions = local.opensearch
        statistic   = "Minimum", period = 300, evaluation_periods = 1
        threshold   = var.opensearch_volume_size_gb * 1024 * 0.10, comparison = "LessThanThreshold", notify_ok = true
      }
      opensearch-jvm-pressure = {
        description = "OpenSearch JVM memory pressure above 90% (docs/RUNBOOK.md#aws-opensearch-alarms)"
        namespace   = "AWS/ES", metric = "JVMMemoryPressure", dimensions = local.opensearch
        statistic   = "Maximum", period = 300, evaluation_periods = 3
        threshold   = 90, comparison = "GreaterThanThreshold", notify_ok = true
      }
    },
    # Redis reports per node (cache cluster), so each node gets its own pair.
    merge([for id in var.redis_member_clusters : {
      "redis-cpu-high-${id}" = {
        description = "Redis engine CPU above 80% (docs/RUNBOOK.md#aws-redis-alarms)"
        namespace   = "AWS/ElastiCache", metric = "EngineCPUUtilization", dimensions = { CacheClusterId = id }
        statistic   = "Average", period = 300, evaluation_periods = 3
        threshold   = 80, comparison = "GreaterThanThreshold", notify_ok = true
      }
      "redis-memory-high-${id}" = {
        description = "Redis memory above 90% (docs/RUNBOOK.md#aws-redis-alarms)"
        namespace   = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", dimensions = { CacheClusterId = id }
        statistic   = "Maximum", period = 300, evaluation_periods = 2
        threshold   = 90, comparison = "GreaterThanThreshold", notify_ok = true
      }
    }]...),
  )
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  alarm_actions       = local.actions
  ok_actions          = each.value.notify_ok ? local.actions : null
  tags                = var.tags
}

locals {
  # Metric rows of the dashboard: [namespace, metric, dimension name, value, ...] as CloudWatch
  # wants them; a trailing { yAxis = "right" } puts the second quantity on its own axis.
  aurora_dims     = ["DBClusterIdentifier", var.aurora_cluster_identifier]
  opensearch_dims = ["DomainName", var.opensearch_domain_name, "ClientId", var.account_id]
  right           = [{ yAxis = "right" }]

  widgets = [
    {
      title = "Aurora CPU and connections", x = 0, y = 0, width = 12
      metrics = [
        concat(["AWS/RDS", "CPUUtilization"], local.aurora_dims),
        concat(["AWS/RDS", "DatabaseConnections"], local.aurora_dims, local.right),
      ]
    },
    {
      title = "Aurora latency and replica lag", x = 12, y = 0, width = 12
      metrics = [
        concat(["AWS/RDS", "CommitLatency"], local.aurora_dims),
        concat(["AWS/RDS", "AuroraReplicaLagMaximum"], local.aurora_dims, local.right),
      ]
    },
    {
      title = "Redis engine CPU and memory", x = 0, y = 6, width = 12
      metrics = concat(
        [for id in var.redis_member_clusters : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", id]],
        [for id in var.redis_member_clusters : concat(["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id], local.right)],
      )
    },
    {
      title = "OpenSearch health and storage", x = 12, y = 6, width = 12
      metrics = [
        concat(["AWS/ES", "ClusterStatus.red"], local.opensearch_dims),
        concat(["AWS/ES", "ClusterStatus.yellow"], local.opensearch_dims),
        concat(["AWS/ES", "FreeStorageSpace"], local.opensearch_dims, local.right),
      ]
    },
    {
      title = "OpenSearch indexing and search latency", x = 0, y = 12, width = 24
      metrics = [
        concat(["AWS/ES", "IndexingLatency"], local.opensearch_dims),
        concat(["AWS/ES", "SearchLatency"], local.opensearch_dims),
      ]
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [for w in local.widgets : {
      type = "metric", x = w.x, y = w.y, width = w.width, height = 6
      properties = {
        title   = w.title
        region  = data.aws_region.current.name
        view    = "timeSeries"
        metrics = w.metrics
      }
    }]
  })
}
