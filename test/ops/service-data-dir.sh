#!/usr/bin/env bash
# Where bin/dev-services keeps the data and binaries of PostgreSQL and OpenSearch, which as root run as
# the unprivileged user kndev (bin/lib/service-user.sh): in a clone inside a private folder (mode 700,
# as `mktemp -d` makes) kndev must still reach and write them; in an open clone they stay under .local/;
# a folder that cannot work is refused with a message that says what to do. The library runs from a copy
# of bin/ in scratch clones. Run by bin/check-ops; prints PASS/FAIL (SKIP when not root: only root hands
# the servers to another user).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd / || exit 2

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP service data folder as root: needs root (only root runs PostgreSQL and OpenSearch as kndev)"
  exit 0
fi

work=$(mktemp -d)
chmod 755 "$work"
mkdir -m 700 "$work/private"
mkdir -m 755 "$work/open"
cleanup=()
trap 'rm -rf "$work" "${cleanup[@]}"' EXIT

# clone PARENT: a scratch clone (just bin/) under PARENT; prints its path.
clone() {
  local dir
  dir=$(mktemp -d "$1/clone.XXXXXX")
  chmod 755 "$dir"
  cp -r "$root/bin" "$dir/bin"
  echo "$dir"
}

# choose CLONE [VAR=VALUE...]: runs the library's choice in CLONE as bin/dev-services up does; prints
# the PostgreSQL data folder, then the tools folder (stdout), and the messages (stderr).
choose() {
  local clone=$1; shift
  # shellcheck disable=SC2016  # the script runs in the child bash, with the clone as $1
  env "$@" bash -c '
    source "$1/bin/lib/common.sh"
    source "$1/bin/lib/service-user.sh"
    use_service_root
    service_dir postgres
    echo "$SERVICE_TOOLS"' _ "$clone"
}

# default_root CLONE: the folder under /var/tmp the library names for CLONE.
default_root() {
  bash -c 'source "$1/bin/lib/common.sh"; source "$1/bin/lib/service-user.sh"; default_service_root' _ "$1"
}

as_kndev() { su -s /bin/sh kndev -c "$1"; }

status=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1"; shift; printf '  %s\n' "$@"; status=1; }

# 1. A clone in a private folder: the data goes where kndev can write it, linked from .local/.
private=$(clone "$work/private")
fallback=$(default_root "$private")
cleanup+=("$fallback")
if ! out=$(choose "$private" 2>"$work/err"); then
  fail "clone in a mode-700 folder: kndev can reach the PostgreSQL data and the binaries" "$(cat "$work/err")"
else
  data=$(sed -n 1p <<<"$out") tools=$(sed -n 2p <<<"$out")
  if [[ $data == "$private"/* ]]; then
    fail "clone in a mode-700 folder: data outside the clone" "chose $data, inside the private folder"
  elif ! as_kndev "test -w '$data' && test -x '$tools'"; then
    fail "clone in a mode-700 folder: kndev can reach the PostgreSQL data and the binaries" "kndev cannot write $data or reach $tools"
  elif [ "$(readlink -f "$private/.local/postgres")" != "$data" ]; then
    fail "clone in a mode-700 folder: .local/postgres links to the data" "$(ls -l "$private/.local")"
  elif [ "$(stat -c '%U %a' "$data")" != "kndev 700" ]; then
    fail "clone in a mode-700 folder: the data folder is kndev's alone" "$(stat -c '%U %a %n' "$data")"
  elif [ "$(choose "$private" 2>/dev/null | sed -n 1p)" != "$data" ]; then
    fail "clone in a mode-700 folder: the next run finds the same data" "a second run chose another folder"
  else
    pass "clone in a mode-700 folder: kndev reaches and writes the data ($data) and the binaries; .local/postgres links there"
  fi
fi

# 2. A clone kndev can reach keeps everything under .local/, as before.
open=$(clone "$work/open")
out=$(choose "$open" 2>"$work/err")
if [ "$(sed -n 1p <<<"$out")" = "$open/.local/postgres" ] && [ "$(sed -n 2p <<<"$out")" = "$open/.local/tools" ] \
  && [ ! -L "$open/.local/postgres" ] && as_kndev "test -w '$open/.local/postgres'"; then
  pass "open clone: data and binaries stay under .local/"
else
  fail "open clone: data and binaries stay under .local/" "chose: $out" "$(cat "$work/err")"
fi

# 3. KN_SERVICE_DIR chooses the folder.
out=$(choose "$private" "KN_SERVICE_DIR=$work/open/chosen" 2>"$work/err")
if [ "$(sed -n 1p <<<"$out")" = "$work/open/chosen/postgres" ] && as_kndev "test -w '$work/open/chosen/postgres'"; then
  pass "KN_SERVICE_DIR chooses where the data goes"
else
  fail "KN_SERVICE_DIR chooses where the data goes" "chose: $out" "$(cat "$work/err")"
fi

# 4. Cases that cannot work stop with a message naming the way out.
# refused NAME EXPECTED CLONE VAR=VALUE...: the choice fails and its message contains EXPECTED.
refused() {
  local name=$1 expected=$2; shift 2
  if choose "$@" >/dev/null 2>"$work/err"; then
    fail "$name" "was accepted"
  elif ! grep -qF -- "$expected" "$work/err"; then
    fail "$name" "message without \"$expected\": $(cat "$work/err")"
  else
    pass "$name"
  fi
}
refused "KN_SERVICE_DIR kndev cannot reach: refused with a message" "kndev cannot reach $work/private/data: set KN_SERVICE_DIR" \
  "$private" "KN_SERVICE_DIR=$work/private/data"
[ -e "$work/private/data" ] && fail "a refused KN_SERVICE_DIR is not left behind" "$work/private/data was created"

# Someone else's folder (or a link) at the /var/tmp name is never handed to kndev.
squatted=$(clone "$work/private")
squat=$(default_root "$squatted")
cleanup+=("$squat")
mkdir -p "$work/open/victim"
ln -s "$work/open/victim" "$squat"
refused "a link at the /var/tmp folder's name: refused" "is a link or not root's own folder" "$squatted"
[ "$(stat -c %U "$work/open/victim")" = root ] || fail "a link at the /var/tmp folder's name: its target untouched" "$(stat -c '%U %n' "$work/open/victim")"

exit "$status"
