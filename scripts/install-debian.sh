#!/bin/sh
# Installs the Debian packages named as arguments that are not installed yet, e.g.
#   scripts/install-debian.sh python3-numpy python3-grpcio
# Tests that drive the project with tools we did not write (numpy, grpcio, chromium, wrk) call it first, so a
# fresh machine needs nothing installed by hand. Idempotent; concurrent callers wait on one lock. Needs root (or
# sudo) and Debian's package mirrors.
set -eu
missing=""
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# One apt run at a time: test files run in parallel and dpkg takes a lock of its own.
exec 9>/tmp/inferschema-apt.lock
flock 9
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
