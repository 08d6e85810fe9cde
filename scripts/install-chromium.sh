#!/bin/sh
# Installs Debian's chromium for the browser tests (packages/server/test/docs-page.test.ts), once: does nothing
# when /usr/bin/chromium is already there.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
"$(dirname "$0")/install-debian.sh" chromium
test -x /usr/bin/chromium
