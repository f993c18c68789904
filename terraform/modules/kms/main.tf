# One customer-managed key per purpose, so access to one kind of data (say the database)
# never implies access to another, and each key can be disabled on its own.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  # AWS services that use a key on their own behalf and therefore need a statement for it.
  service_principals = {
    logs = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    sns  = ["cloudwatch.amazonaws.com"]
  }
}

data "aws_iam_policy_document" "key" {
  for_each = toset(var.purposes)

  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  dynamic "statement" {
    for_each = contains(keys(local.service_principals), each.key) ? [each.key] : []
    content {
      sid       = "ServiceUse"
      actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      resources = ["*"]
      principals {
        type        = "Service"
        identifiers = local.service_principals[statement.value]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = toset(var.purposes)

  description             = "${var.name_prefix} ${each.key}"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.key[each.key].json
  tags                    = merge(var.tags, { Purpose = each.key })
}

resource "aws_kms_alias" "this" {
  for_each = toset(var.purposes)

  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}
