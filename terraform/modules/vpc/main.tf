data "aws_availability_zones" "available" {
  state = "available"
  # Local and Wavelength zones cannot host these subnets.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 3)

  # Address plan for a /16 (documented in docs/DEPLOYMENT.md):
  #   private (nodes and pods, VPC CNI gives every pod a VPC address): three /18
  #   public  (ALB, NAT gateways): three /24 inside one /22
  #   data    (Aurora, ElastiCache, OpenSearch): three /24 inside one /22
  # Public and data subnets each sit in one aggregate block so the Kubernetes
  # NetworkPolicies can name them with a single CIDR (k8s cluster-values).
  public_block = cidrsubnet(var.cidr, 6, 48)
  data_block   = cidrsubnet(var.cidr, 6, 50)

  private_subnets = [for i in range(3) : cidrsubnet(var.cidr, 2, i)]
  public_subnets  = [for i in range(3) : cidrsubnet(local.public_block, 2, i)]
  data_subnets    = [for i in range(3) : cidrsubnet(local.data_block, 2, i)]
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.21.0"

  name = var.name
  cidr = var.cidr
  azs  = local.azs

  private_subnets  = local.private_subnets
  public_subnets   = local.public_subnets
  database_subnets = local.data_subnets

  create_database_subnet_group       = true
  create_database_subnet_route_table = true

  enable_nat_gateway = true
  # One NAT per AZ keeps egress alive when an AZ fails; staging accepts the single point.
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  enable_dns_hostnames = true
  enable_dns_support   = true

  enable_flow_log                                 = true
  create_flow_log_cloudwatch_log_group            = true
  create_flow_log_cloudwatch_iam_role             = true
  flow_log_traffic_type                           = "ALL"
  flow_log_max_aggregation_interval               = 60
  flow_log_cloudwatch_log_group_retention_in_days = var.flow_log_retention_days
  flow_log_cloudwatch_log_group_kms_key_id        = var.logs_kms_key_arn

  # Subnet discovery by the AWS Load Balancer Controller.
  public_subnet_tags = {
    "kubernetes.io/role/elb" = "1"
  }
  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = "1"
  }

  tags = var.tags
}

# S3 traffic (attachments, ECR layers) stays on the AWS network and off the NAT bill.
module "endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.21.0"

  vpc_id = module.vpc.vpc_id

  endpoints = {
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = module.vpc.private_route_table_ids
      tags            = { Name = "${var.name}-s3" }
    }
  }

  tags = var.tags
}
