#!/usr/bin/env bash
# Terraform for one environment. The wiring is terraform/platform, written once; an environment
# is its backend (terraform/environments/<env>/backend.hcl) and its inputs (terraform.tfvars).
# Each environment gets its own working directory, terraform/platform/.terraform-<env>, so
# switching environments never needs `init -reconfigure` and cannot reuse the other's state.
#
#   scripts/terraform.sh <env> init [ARGS...]          adds -backend-config=<env>/backend.hcl
#   scripts/terraform.sh <env> plan [ARGS...]          adds -var-file=<env>/terraform.tfvars, as do
#                                                      destroy, import, refresh, console, and apply
#                                                      without a saved plan
#   scripts/terraform.sh <env> apply <env>.tfplan      applies the saved plan as it is
#   scripts/terraform.sh <env> output|state|show ...   passes through
#
# <env> is staging or production. Every command but init first checks that the working
# directory was initialised with <env>'s backend.
# Paths given to terraform are relative to terraform/platform (terraform -chdir).
# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ENV=${1:-}
check_env "$ENV"
[[ $# -ge 2 ]] || die "usage: scripts/terraform.sh <staging|production> <terraform command> [args...]"
shift
require terraform jq
export TF_DATA_DIR=".terraform-$ENV"
cmd=$1
shift
env_dir="../environments/$ENV"

case $cmd in
  init)
    exec terraform -chdir="$TF_ROOT" init -backend-config="$env_dir/backend.hcl" "$@"
    ;;
  plan | destroy | import | refresh | console)
    check_tf_backend "$ENV"
    exec terraform -chdir="$TF_ROOT" "$cmd" -var-file="$env_dir/terraform.tfvars" "$@"
    ;;
  apply)
    check_tf_backend "$ENV"
    # A saved plan carries its variables, and terraform refuses -var-file beside it.
    for arg in "$@"; do
      [[ $arg != -* ]] && exec terraform -chdir="$TF_ROOT" apply "$@"
    done
    exec terraform -chdir="$TF_ROOT" apply -var-file="$env_dir/terraform.tfvars" "$@"
    ;;
  *)
    check_tf_backend "$ENV"
    exec terraform -chdir="$TF_ROOT" "$cmd" "$@"
    ;;
esac
