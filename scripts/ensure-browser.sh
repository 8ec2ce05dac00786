#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright (no browser download is possible or needed).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core fonts-liberation2 >/dev/null
fi
/usr/bin/chromium --version
