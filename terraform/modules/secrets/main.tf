# The five secrets the k8s ExternalSecrets read (k8s/base/platform/external-secrets.yaml).
# Values terraform can generate are generated here and live only in Secrets Manager and in
# the encrypted state; third-party credentials are put in by an operator (DEPLOYMENT.md).
locals {
  external = toset(["google-oauth", "notion-api"])
}

resource "aws_secretsmanager_secret" "this" {
  for_each = setunion(toset(keys(local.generated_values)), local.external)

  name                    = "${var.name_prefix}/${each.key}"
  description             = "Knowledge Network ${each.key} (synced into Kubernetes by External Secrets)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days
  tags                    = var.tags
}

resource "random_password" "db_app_user" {
  length  = 40
  special = false
}

# 32 random bytes, base64: the AES-256-GCM key for stored OAuth and Notion tokens. Replacing
# it makes every stored token unreadable, hence prevent_destroy.
resource "random_bytes" "encryption_key" {
  length = 32

  lifecycle {
    prevent_destroy = true
  }
}

# RS256 signing key of knowledge-api, PKCS#8 PEM as smallrye-jwt reads it.
resource "tls_private_key" "jwt" {
  algorithm = "RSA"
  rsa_bits  = 2048
}

# What terraform writes into each generated secret; the JSON keys are the environment variables
# the ExternalSecrets map.
locals {
  generated_values = {
    "db-credentials" = {
      DATABASE_USERNAME = var.db_app_username
      DATABASE_PASSWORD = random_password.db_app_user.result
    }
    "encryption-key" = {
      ENCRYPTION_KEY = random_bytes.encryption_key.base64
    }
    "app-secrets" = {
      REDIS_URL       = var.redis_url
      JWT_PRIVATE_KEY = tls_private_key.jwt.private_key_pem_pkcs8
    }
  }
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = local.generated_values

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = jsonencode(each.value)
}

# Read access for the namespaced SecretStore's ServiceAccount (external-secrets-reader).
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [for s in aws_secretsmanager_secret.this : s.arn]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_policy" "read" {
  name        = "${replace(var.name_prefix, "/", "-")}-secrets-read"
  description = "Read the Knowledge Network application secrets"
  policy      = data.aws_iam_policy_document.read.json
  tags        = var.tags
}
