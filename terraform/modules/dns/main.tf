data "aws_route53_zone" "public" {
  name         = var.zone_name
  private_zone = false
}

# One certificate for every host of the Ingress: the first is its subject, the others its
# alternative names (the ALB serves it for both the API and the admin host).
resource "aws_acm_certificate" "this" {
  domain_name               = var.hostnames[0]
  subject_alternative_names = slice(var.hostnames, 1, length(var.hostnames))
  validation_method         = "DNS"
  tags                      = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => {
      name   = o.resource_record_name
      type   = o.resource_record_type
      record = o.resource_record_value
    }
  }

  zone_id         = data.aws_route53_zone.public.zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

# The ALB is created by the AWS Load Balancer Controller from the k8s Ingress, under the
# fixed name kn-<environment>. It exists only after the first deploy, so the alias record is
# switched on by a second apply with alb_exists = true (docs/DEPLOYMENT.md).
data "aws_lb" "ingress" {
  count = var.alb_exists ? 1 : 0
  name  = var.alb_name
}

resource "aws_route53_record" "host" {
  for_each = var.alb_exists ? toset(var.hostnames) : toset([])

  zone_id = data.aws_route53_zone.public.zone_id
  name    = each.value
  type    = "A"

  alias {
    name                   = data.aws_lb.ingress[0].dns_name
    zone_id                = data.aws_lb.ingress[0].zone_id
    evaluate_target_health = true
  }
}
