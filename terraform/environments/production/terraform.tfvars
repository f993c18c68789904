# Production. Sizes follow the deployment guide; aws_account_id, github_repository and the
# DNS names are this organisation's and must be filled in before the first apply.
environment    = "production"
aws_account_id = "000000000000"
aws_region     = "eu-west-1"

vpc_cidr           = "10.20.0.0/16"
single_nat_gateway = false
log_retention_days = 365

kubernetes_version       = "1.33"
eks_api_allowed_cidrs    = ["192.0.2.0/24"]
on_demand_instance_types = ["t3.xlarge"]
on_demand_min_size       = 3
on_demand_desired_size   = 6
on_demand_max_size       = 20
spot_max_size            = 20

aurora_instance_class        = "db.r6g.large"
aurora_instance_count        = 2
aurora_backup_retention_days = 35
aurora_max_connections       = 1600
aurora_instance_memory_gib   = 16
deletion_protection          = true

redis_node_type          = "cache.r6g.large"
redis_num_cache_clusters = 3

opensearch_instance_type         = "r6g.large.search"
opensearch_instance_count        = 3
opensearch_dedicated_master_type = "m6g.large.search"
opensearch_volume_size_gb        = 100

secrets_recovery_window_days = 30

github_repository = "example-org/knowledge-network"
alarm_emails      = ["oncall@knowledge-network.example.com"]
dns_zone_name     = "knowledge-network.example.com"
api_hostname      = "api.knowledge-network.example.com"
admin_hostname    = "admin.knowledge-network.example.com"
alb_exists        = false
