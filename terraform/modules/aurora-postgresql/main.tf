resource "aws_security_group" "this" {
  name_prefix = "${var.name}-aurora-"
  description = "Aurora PostgreSQL: 5432 from the EKS nodes and pods only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-aurora" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from EKS"
}

resource "aws_rds_cluster_parameter_group" "this" {
  name_prefix = "${var.name}-aurora-pg16-"
  family      = "aurora-postgresql16"
  description = "Knowledge Network Aurora PostgreSQL 16"

  # Clients must use TLS (the services connect with sslmode=require).
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role" "monitoring" {
  name_prefix = "${var.name}-rds-mon-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_version     = var.engine_version
  database_name      = "knowledge"

  # The master password lives only in Secrets Manager (rotated by RDS); the services use the
  # application user from the db-credentials secret, created by scripts/bootstrap-databases.sh.
  master_username               = "kn_admin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.secrets_kms_key_arn

  db_subnet_group_name            = var.db_subnet_group_name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name
  port                            = 5432

  storage_encrypted = true
  kms_key_id        = var.kms_key_arn

  # Continuous backups give point-in-time restore to within about five minutes (the RPO of
  # the knowledge data, docs/DISASTER-RECOVERY.md) for the whole retention period.
  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = "03:00-04:00"
  preferred_maintenance_window = "sun:04:00-sun:05:00"
  copy_tags_to_snapshot        = true

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  tags = var.tags

  lifecycle {
    # Minor versions are upgraded in the maintenance window; terraform must not undo that.
    ignore_changes = [engine_version]
  }
}

# Writer plus readers in other AZs: a failover promotes a reader (Multi-AZ) and the readers
# serve the reader endpoint in the meantime.
resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier                   = "${var.name}-${count.index + 1}"
  cluster_identifier           = aws_rds_cluster.this.id
  engine                       = aws_rds_cluster.this.engine
  instance_class               = var.instance_class
  availability_zone            = element(var.availability_zones, count.index)
  auto_minor_version_upgrade   = true
  preferred_maintenance_window = "sun:04:00-sun:05:00"

  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.monitoring.arn

  tags = var.tags
}
