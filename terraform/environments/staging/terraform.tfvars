# Staging: production's shape (three AZs, Multi-AZ data stores, same Kubernetes version)
# at smaller sizes and shorter retention.
environment    = "staging"
aws_account_id = "000000000000"
aws_region     = "eu-west-1"

vpc_cidr           = "10.30.0.0/16"
single_nat_gateway = true
log_retention_days = 30

kubernetes_version       = "1.33"
eks_api_allowed_cidrs    = ["192.0.2.0/24"]
on_demand_instance_types = ["t3.large"]
on_demand_min_size       = 3
on_demand_desired_size   = 3
on_demand_max_size       = 8
spot_max_size            = 6

aurora_instance_class        = "db.t4g.medium"
aurora_instance_count        = 2
aurora_backup_retention_days = 7
aurora_max_connections       = 400
aurora_instance_memory_gib   = 4
deletion_protection          = false

redis_node_type          = "cache.t4g.small"
redis_num_cache_clusters = 2

opensearch_instance_type         = "t3.medium.search"
opensearch_instance_count        = 3
opensearch_dedicated_master_type = null
opensearch_volume_size_gb        = 20

secrets_recovery_window_days = 7

github_repository = "example-org/knowledge-network"
alarm_emails      = []
# A subdomain zone in the staging account, delegated from the production zone.
dns_zone_name  = "staging.knowledge-network.example.com"
api_hostname   = "api.staging.knowledge-network.example.com"
admin_hostname = "admin.staging.knowledge-network.example.com"
alb_exists     = false
