# PostgreSQL and OpenSearch refuse to run as root, so as root bin/dev-services runs them as the
# unprivileged user kndev. That user must reach their data and the binaries it runs: they stay under
# .local/ when it can traverse the clone; a clone in a private folder (under /root, in `mktemp -d`,
# made with umask 077) gets a folder of its own under /var/tmp instead, named for the clone and
# linked from .local/, so the logs are found where they always are. KN_SERVICE_DIR chooses that
# folder. Needs common.sh (KN_ROOT, KN_LOCAL, KN_RUN, die, info).
# shellcheck shell=bash

SERVICE_USER=kndev

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the unprivileged service user when we are root, else as ourselves. From /: the
# service user may not be allowed into the current folder.
as_service_user() {
  if is_root; then (cd / && runuser -u "$SERVICE_USER" -- "$@"); else "$@"; fi
}

ensure_service_user() {
  is_root || return 0
  id "$SERVICE_USER" >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER" \
    || die "cannot create the unprivileged user $SERVICE_USER for PostgreSQL and OpenSearch"
}

# True when the service user can traverse folder $1 (and so every folder above it).
service_user_reaches() { (cd / && runuser -u "$SERVICE_USER" -- test -x "$1") 2>/dev/null; }

# The folder under /var/tmp for this clone: one per clone path, so two clones never share data.
default_service_root() {
  echo "/var/tmp/kn-$(printf '%s' "$KN_ROOT" | sha256sum | cut -c1-12)"
}

# Sets SERVICE_ROOT, the folder holding the data of the servers that run as the service user, and
# SERVICE_TOOLS, where the binaries it runs are unpacked, and records them for `down` and `status`.
# shellcheck disable=SC2034  # SERVICE_TOOLS is read by bin/dev-services
use_service_root() {
  SERVICE_ROOT=$KN_LOCAL
  if [ -n "${KN_SERVICE_DIR:-}" ]; then
    SERVICE_ROOT=$KN_SERVICE_DIR
  elif is_root; then
    ensure_service_user
    if ! service_user_reaches "$KN_LOCAL"; then
      SERVICE_ROOT=$(default_service_root)
      info "$SERVICE_USER cannot reach $KN_LOCAL: PostgreSQL and OpenSearch keep their data in $SERVICE_ROOT"
    fi
  fi
  [ "$SERVICE_ROOT" = "$KN_LOCAL" ] || prepare_service_root "$SERVICE_ROOT"
  SERVICE_TOOLS=$SERVICE_ROOT/tools
  echo "$SERVICE_ROOT" >"$KN_RUN/service-root"
}

# The SERVICE_ROOT that `up` chose (.local/ when none was recorded), without creating anything.
# shellcheck disable=SC2034  # SERVICE_TOOLS is read by bin/dev-services
recorded_service_root() {
  SERVICE_ROOT=$KN_LOCAL
  [ -s "$KN_RUN/service-root" ] && SERVICE_ROOT=$(cat "$KN_RUN/service-root")
  SERVICE_TOOLS=$SERVICE_ROOT/tools
}

# A folder outside the clone: ours (not a link or another user's folder that root would then hand to
# the service user) and reachable by the service user. Its binaries stay ours; its data folders are
# the service user's (service_dir).
prepare_service_root() {
  local root=$1 created=""
  case $root in /*) ;; *) die "KN_SERVICE_DIR must be an absolute path, not $root" ;; esac
  if [ ! -e "$root" ] && [ ! -L "$root" ]; then
    { mkdir -p "$(dirname "$root")" && mkdir -m 755 "$root"; } || die "cannot create $root; set KN_SERVICE_DIR to another folder"
    created=1
  fi
  if [ ! -d "$root" ] || [ -L "$root" ] || [ "$(stat -c %u "$root")" != "$(id -u)" ]; then
    die "$root is a link or not $(id -un)'s own folder: remove it, or set KN_SERVICE_DIR to another folder"
  fi
  if is_root; then
    ensure_service_user
    if ! service_user_reaches "$root"; then
      [ -z "$created" ] || rmdir "$root"
      die "$SERVICE_USER cannot reach $root: set KN_SERVICE_DIR to a folder an unprivileged user can reach (every folder above it must let others traverse it, as /var/tmp does)"
    fi
  fi
  mkdir -p "$root/tools"
}

# The data folder of a server that runs as the service user (created, the service user's, private),
# linked from .local/ when it lives elsewhere.
service_dir() {
  local name=$1 dir="$SERVICE_ROOT/$1"
  mkdir -p "$dir"
  if is_root; then
    chown -R "$SERVICE_USER" "$dir"
    chmod 700 "$dir"
    as_service_user test -w "$dir" \
      || die "$SERVICE_USER cannot write $dir: set KN_SERVICE_DIR to a folder an unprivileged user can reach"
  fi
  [ "$SERVICE_ROOT" = "$KN_LOCAL" ] || link_from_local "$name" "$dir"
  echo "$dir"
}

# .local/NAME -> TARGET. An older data folder of that name is left alone (and named), never deleted.
link_from_local() {
  local link="$KN_LOCAL/$1" target=$2
  if [ -L "$link" ] || [ ! -e "$link" ] || rmdir "$link" 2>/dev/null; then
    ln -sfn "$target" "$link"
  else
    info "$1: data in $target; $link is an older data folder, left as it was"
  fi
}
