#!/usr/bin/env bash
# Make a PostgreSQL server answer on 127.0.0.1:5432 with a superuser role "thidua" (password "thidua").
# Starts the local cluster if it is installed and down; installs Debian's postgresql if it is missing.
set -euo pipefail
HOST=127.0.0.1
PORT=${PGPORT:-5432}

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  if ! ready 2>/dev/null; then
    echo "== PostgreSQL is not installed: installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  fi
fi
if ! ready; then
  echo "== starting PostgreSQL"
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
ready || { echo "PostgreSQL does not answer on $HOST:$PORT" >&2; exit 1; }

psql_admin() {
  if psql -h "$HOST" -p "$PORT" -U postgres -d postgres -tAc "select 1" >/dev/null 2>&1; then
    psql -h "$HOST" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  else
    runuser -u postgres -- psql -p "$PORT" -d postgres -v ON_ERROR_STOP=1 -tAc "$1"
  fi
}
if [ "$(psql_admin "select 1 from pg_roles where rolname='thidua'")" != "1" ]; then
  psql_admin "create role thidua login superuser password 'thidua'" >/dev/null
fi
if [ "$(psql_admin "select 1 from pg_database where datname='thidua'")" != "1" ]; then
  psql_admin "create database thidua owner thidua" >/dev/null
fi
echo "== PostgreSQL ready: postgres://thidua:thidua@$HOST:$PORT/thidua"
