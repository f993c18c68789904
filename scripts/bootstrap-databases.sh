#!/usr/bin/env bash
# One-time database setup after the first `terraform apply`, before the first deploy:
# creates the keep_notion_sync database (knowledge is created with the cluster) and the
# application role from the db-credentials secret, owning both databases so Flyway can migrate.
# Idempotent: safe to run again, e.g. after restoring a cluster or rotating the app password.
#
#   scripts/bootstrap-databases.sh <staging|production>
#
# Runs psql in a one-off pod inside the cluster (the database is only reachable from the VPC)
# with the Aurora master credentials, passed through a short-lived Kubernetes Secret.
# Needs kubectl, jq, terraform outputs and the aws CLI.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}
on_cluster "$ENV" kubectl jq aws terraform

region=$(tf_output "$ENV" aws_region)
host=$(tf_output "$ENV" rds_endpoint)
master_arn=$(tf_output "$ENV" rds_master_user_secret_arn)
master=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$master_arn" --query SecretString --output text)
app=$(aws secretsmanager get-secret-value --region "$region" --secret-id knowledge-network/db-credentials --query SecretString --output text)

kubectl get namespace "$NAMESPACE" >/dev/null || die "namespace $NAMESPACE does not exist yet (docs/DEPLOYMENT.md step 5)"
# The Secret lives only while the pod runs; values never appear in a pod spec or in a log.
kubectl -n "$NAMESPACE" create secret generic db-bootstrap \
  --from-literal=PGUSER="$(jq -r .username <<<"$master")" \
  --from-literal=PGPASSWORD="$(jq -r .password <<<"$master")" \
  --from-literal=APP_USER="$(jq -r .DATABASE_USERNAME <<<"$app")" \
  --from-literal=APP_PASSWORD="$(jq -r .DATABASE_PASSWORD <<<"$app")" \
  --dry-run=client -o yaml | kubectl apply -f - >/dev/null
trap 'kubectl -n "$NAMESPACE" delete secret db-bootstrap --ignore-not-found >/dev/null' EXIT

env_json=$(jq -s '.' \
  <(secret_env PGUSER db-bootstrap PGUSER) <(secret_env PGPASSWORD db-bootstrap PGPASSWORD) \
  <(secret_env APP_USER db-bootstrap APP_USER) <(secret_env APP_PASSWORD db-bootstrap APP_PASSWORD) \
  <(jq -n --arg h "$host" '{name: "PGHOST", value: $h}') \
  <(jq -n '{name: "PGSSLMODE", value: "require"}') <(jq -n '{name: "PGDATABASE", value: "postgres"}'))

# psql variables keep the password out of the SQL text; format() quotes identifiers and
# literals. The master user must be a member of the app role to hand it database ownership.
script=$(
  cat <<'POD'
psql -v ON_ERROR_STOP=1 -v app_user="$APP_USER" -v app_password="$APP_PASSWORD" <<'SQL'
SELECT format(CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user')
                   THEN 'ALTER ROLE %I LOGIN PASSWORD %L' ELSE 'CREATE ROLE %I LOGIN PASSWORD %L' END,
              :'app_user', :'app_password') \gexec
GRANT :"app_user" TO CURRENT_USER;
SELECT format('CREATE DATABASE %I OWNER %I', d, :'app_user')
  FROM unnest(ARRAY['knowledge', 'keep_notion_sync']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
ALTER DATABASE knowledge OWNER TO :"app_user";
ALTER DATABASE keep_notion_sync OWNER TO :"app_user";
SQL
for db in knowledge keep_notion_sync; do
  psql -v ON_ERROR_STOP=1 -d "$db" -c "ALTER SCHEMA public OWNER TO \"$APP_USER\""
done
echo "databases ready for $APP_USER"
POD
)
run_maintenance_pod db-bootstrap "$PSQL_IMAGE" "$PSQL_UID" "$script" "$env_json" || die "database bootstrap failed"
log "bootstrap done on $host"
