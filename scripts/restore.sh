#!/usr/bin/env bash
# Restores the Aurora cluster (both databases: knowledge and keep_notion_sync) into a NEW
# cluster, then, with --promote, swaps it in under the original name so every endpoint,
# the k8s manifests and the terraform state keep working unchanged.
#
#   scripts/restore.sh <env> --latest                      most recent restorable time (RPO ~5 min)
#   scripts/restore.sh <env> --time 2025-01-31T10:15:00Z   point in time, e.g. just before a bad write
#   scripts/restore.sh <env> --snapshot <snapshot-id>      a snapshot from scripts/backup.sh
#   ... [--promote]                                        swap the restored cluster in (downtime)
#   scripts/restore.sh <env> --promote-existing <cluster>  swap in a cluster restored earlier
#
# Without --promote the restored cluster sits beside production for inspection or for
# copying data back by hand. --promote scales the application to zero
# (emergency-scale-down.sh), renames the current cluster to <name>-pre-restore-<stamp>
# (kept, with deletion protection, until someone deletes it), renames the restored one to
# <name>, and scales the application back up. See docs/DISASTER-RECOVERY.md.
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}; shift || true
MODE="" WHEN="" SNAPSHOT="" PROMOTE=0 TARGET=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --latest) MODE=latest; shift ;;
    --time) MODE=pitr; WHEN=${2:-}; shift 2 ;;
    --snapshot) MODE=snapshot; SNAPSHOT=${2:-}; shift 2 ;;
    --promote) PROMOTE=1; shift ;;
    --promote-existing) MODE=existing; TARGET=${2:-}; PROMOTE=1; shift 2 ;;
    *) die "unknown argument $1" ;;
  esac
done
check_env "$ENV"
[[ -n $MODE ]] || die "choose --latest, --time <ISO-8601>, --snapshot <id> or --promote-existing <cluster>"
require aws terraform jq

region=$(tf_output "$ENV" aws_region)
cluster=$(tf_output "$ENV" rds_cluster_identifier)
stamp=$(date -u +%Y%m%d%H%M)
target=${TARGET:-$cluster-restore-$stamp}
rds() { aws rds --region "$region" "$@"; }

restore_new_cluster() {
# The restored cluster copies the live one's network, encryption and parameters.
live=$(rds describe-db-clusters --db-cluster-identifier "$cluster" --query 'DBClusters[0]')
subnet_group=$(jq -r .DBSubnetGroup <<<"$live")
sgs=$(jq -r '[.VpcSecurityGroups[].VpcSecurityGroupId] | join(" ")' <<<"$live")
kms=$(jq -r .KmsKeyId <<<"$live")
params=$(jq -r .DBClusterParameterGroup <<<"$live")
engine_version=$(jq -r .EngineVersion <<<"$live")
instances=$(rds describe-db-instances --filters "Name=db-cluster-id,Values=$cluster" --query 'DBInstances[]')
class=$(jq -r '.[0].DBInstanceClass' <<<"$instances")
count=$(jq 'length' <<<"$instances")

common=(--db-cluster-identifier "$target" --db-subnet-group-name "$subnet_group"
  --kms-key-id "$kms" --db-cluster-parameter-group-name "$params" --copy-tags-to-snapshot
  --enable-cloudwatch-logs-exports postgresql --deletion-protection --manage-master-user-password)
# shellcheck disable=SC2206  # security group ids are space-separated words
common+=(--vpc-security-group-ids $sgs)

case $MODE in
  latest)
    log "restoring $cluster at its latest restorable time into $target"
    rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier "$cluster" --use-latest-restorable-time "${common[@]}" >/dev/null ;;
  pitr)
    log "restoring $cluster as of $WHEN into $target"
    rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier "$cluster" --restore-to-time "$WHEN" "${common[@]}" >/dev/null ;;
  snapshot)
    log "restoring snapshot $SNAPSHOT into $target"
    rds restore-db-cluster-from-snapshot --snapshot-identifier "$SNAPSHOT" --engine aurora-postgresql \
      --engine-version "$engine_version" "${common[@]}" >/dev/null ;;
esac
rds wait db-cluster-available --db-cluster-identifier "$target"

# A restore creates an empty cluster; instances are added like the live ones, one per AZ.
for i in $(seq 1 "$count"); do
  az=$(jq -r ".[$((i - 1))].AvailabilityZone" <<<"$instances")
  rds create-db-instance --db-instance-identifier "$target-$i" --db-cluster-identifier "$target" \
    --engine aurora-postgresql --db-instance-class "$class" --availability-zone "$az" >/dev/null
done
for i in $(seq 1 "$count"); do
  rds wait db-instance-available --db-instance-identifier "$target-$i"
done
log "restored cluster ready: $(rds describe-db-clusters --db-cluster-identifier "$target" --query 'DBClusters[0].Endpoint' --output text)"
}

[[ $MODE == existing ]] || restore_new_cluster

if [[ $PROMOTE == 0 ]]; then
  log "not promoted. Inspect it, then re-run with --promote, or delete it: aws rds delete-db-cluster ..."
  exit 0
fi

require kubectl
check_kube_context "$ENV"
log "promoting: application to zero, then renaming clusters"
"$REPO_ROOT/scripts/emergency-scale-down.sh" "$ENV" --all --yes

rename_cluster() { # rename_cluster FROM TO: the cluster and its instances (<name>-<n>)
  local from=$1 to=$2 ids id n=0
  rds modify-db-cluster --db-cluster-identifier "$from" --new-db-cluster-identifier "$to" --apply-immediately >/dev/null
  for _ in $(seq 1 60); do
    rds describe-db-clusters --db-cluster-identifier "$to" >/dev/null 2>&1 && break
    sleep 10
  done
  rds wait db-cluster-available --db-cluster-identifier "$to"
  ids=$(rds describe-db-instances --filters "Name=db-cluster-id,Values=$to" --query 'DBInstances[].DBInstanceIdentifier' --output text)
  for id in $ids; do
    n=$((n + 1))
    rds modify-db-instance --db-instance-identifier "$id" --new-db-instance-identifier "$to-$n" --apply-immediately >/dev/null
  done
  for n in $(seq 1 "$n"); do
    for _ in $(seq 1 60); do
      rds describe-db-instances --db-instance-identifier "$to-$n" >/dev/null 2>&1 && break
      sleep 10
    done
    rds wait db-instance-available --db-instance-identifier "$to-$n"
  done
}

rename_cluster "$cluster" "$cluster-pre-restore-$stamp"
rename_cluster "$target" "$cluster"
log "promoted: $cluster is the restored data; the previous cluster is $cluster-pre-restore-$stamp"

"$REPO_ROOT/scripts/emergency-scale-down.sh" "$ENV" --restore
log "next: scripts/verify-data-integrity.sh $ENV, and a reindex if the search index is ahead of the database (docs/DISASTER-RECOVERY.md)"
