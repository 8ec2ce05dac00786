#!/usr/bin/env bash
# What `make deploy-check` needs beyond the project's venv: nginx (for `nginx -t`), systemd's systemd-analyze (for
# `systemd-analyze verify`; no systemd needs to run), openssl (a throw-away certificate) and curl.
# Installs Debian's packages when one is missing, the way scripts/ensure-postgres.sh does.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian's ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "== deploy tools ready: $(nginx -v 2>&1), $(systemd-analyze --version | head -1)"
