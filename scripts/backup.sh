#!/usr/bin/env bash
# On-demand backups, on top of the continuous ones AWS already keeps (Aurora point-in-time
# restore over the retention period, OpenSearch hourly automated snapshots, daily Redis
# snapshots). Take one before risky changes: a major migration, an engine upgrade, a restore drill.
#
#   scripts/backup.sh <staging|production> [--label <text>]
#
# Creates a manual Aurora cluster snapshot (kept until deleted, unlike automated ones) and
# waits for it; prints the snapshot id that scripts/restore.sh --snapshot takes.
# Needs the aws CLI and terraform outputs.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
LABEL=manual
while [[ $# -gt 0 ]]; do
  case $1 in
    --label) LABEL=${2:-}; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
check_env "$ENV"
[[ $LABEL =~ ^[a-z0-9-]{1,30}$ ]] || die "label: lower-case letters, digits and dashes, at most 30"
require aws terraform

region=$(tf_output "$ENV" aws_region)
cluster=$(tf_output "$ENV" rds_cluster_identifier)
snapshot="$cluster-$LABEL-$(date -u +%Y%m%d-%H%M%S)"

log "creating Aurora snapshot $snapshot"
aws rds create-db-cluster-snapshot --region "$region" \
  --db-cluster-identifier "$cluster" --db-cluster-snapshot-identifier "$snapshot" \
  --tags Key=Project,Value=knowledge-network Key=Label,Value="$LABEL" >/dev/null
aws rds wait db-cluster-snapshot-available --region "$region" --db-cluster-snapshot-identifier "$snapshot"
log "snapshot available: $snapshot"

latest=$(aws rds describe-db-clusters --region "$region" --db-cluster-identifier "$cluster" \
  --query 'DBClusters[0].LatestRestorableTime' --output text)
log "point-in-time restore is possible up to $latest (RPO check: should be within 5 minutes of now)"
echo "$snapshot"
