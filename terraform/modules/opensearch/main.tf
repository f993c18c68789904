data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_security_group" "this" {
  name_prefix = "${var.name}-opensearch-"
  description = "OpenSearch: HTTPS from the EKS nodes and pods only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-opensearch" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from EKS"
}

# Needed once per account for VPC domains; set create_service_linked_role = false when
# another stack already created it.
resource "aws_iam_service_linked_role" "opensearch" {
  count            = var.create_service_linked_role ? 1 : 0
  aws_service_name = "opensearchservice.amazonaws.com"
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(["application", "slow-search"])

  name              = "/aws/opensearch/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = [for g in aws_cloudwatch_log_group.this : "${g.arn}:*"]
    principals {
      type        = "Service"
      identifiers = ["es.amazonaws.com"]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "this" {
  policy_name     = "${var.name}-opensearch"
  policy_document = data.aws_iam_policy_document.logs.json
}

locals {
  domain_arn = "arn:aws:es:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:domain/${var.name}"
}

resource "aws_opensearch_domain" "this" {
  domain_name    = var.name
  engine_version = var.engine_version

  cluster_config {
    instance_type          = var.instance_type
    instance_count         = var.instance_count
    zone_awareness_enabled = true
    zone_awareness_config {
      availability_zone_count = 3
    }
    dedicated_master_enabled = var.dedicated_master_type != null
    dedicated_master_type    = var.dedicated_master_type
    dedicated_master_count   = var.dedicated_master_type != null ? 3 : null
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.volume_size_gb
  }

  vpc_options {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.this.id]
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  # The domain is reachable only inside the VPC and its security group admits only the EKS
  # nodes, so the network is the access boundary and the services need no request signing.
  # Moving to SigV4 with the services' IRSA roles would narrow this to two principals.
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttp*"
      Resource  = "${local.domain_arn}/*"
    }]
  })

  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["application"].arn
  }

  log_publishing_options {
    log_type                 = "SEARCH_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.this["slow-search"].arn
  }

  # Automated hourly snapshots are on by default for domains; they are the recovery path
  # next to a full reindex from PostgreSQL (docs/DISASTER-RECOVERY.md).
  software_update_options {
    auto_software_update_enabled = true
  }

  tags = var.tags

  depends_on = [aws_iam_service_linked_role.opensearch, aws_cloudwatch_log_resource_policy.this]
}
