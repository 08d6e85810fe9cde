#!/bin/sh
# Installs Debian's chromium for the browser tests (packages/server/test/docs-page.test.ts), once: does nothing
# when /usr/bin/chromium is already there. Needs root (or sudo) and the Debian package mirrors.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium
test -x /usr/bin/chromium
