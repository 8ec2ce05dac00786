#!/usr/bin/env bash
# `make test-replica`: the database router against a real PostgreSQL primary and streaming replica.
# Two private clusters made with initdb and pg_basebackup in a temporary folder, on free ports, run as the postgres
# user (the machine's own PostgreSQL service is left as it is); runs tests/replica; stops and removes everything.
# Usage: scripts/test-replica.sh [PYTHON]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${1:-$ROOT/.venv/bin/python}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin/initdb)" >&2; exit 1; }
id postgres >/dev/null 2>&1 || { echo "no postgres user" >&2; exit 1; }
cd "$ROOT"
WORK=$(mktemp -d /tmp/thidua-replica.XXXXXX)
chown postgres: "$WORK"
as_pg() { runuser -u postgres -- "$@"; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup() {
  local rc=$?
  for cluster in replica primary; do
    [ -f "$WORK/$cluster/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$WORK/$cluster" -m immediate -w stop >/dev/null 2>&1 || true
  done
  [ $rc -ne 0 ] && { echo "-- primary log:"; tail -20 "$WORK/primary.log" 2>/dev/null; echo "-- replica log:"; tail -20 "$WORK/replica.log" 2>/dev/null; } >&2
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

P1=$(free_port)
P2=$(free_port)
while [ "$P2" = "$P1" ]; do P2=$(free_port); done
echo "== primary on 127.0.0.1:$P1, replica on 127.0.0.1:$P2 ($PGBIN, in $WORK)"
as_pg "$PGBIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/primary/postgresql.conf" <<CONF
port = $P1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
echo "host replication all 127.0.0.1/32 trust" >> "$WORK/primary/pg_hba.conf"
as_pg "$PGBIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qc "create role thidua login superuser password 'thidua'"
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U postgres -qc "create database thidua owner thidua"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$WORK/replica" -R -X stream -c fast
cat >> "$WORK/replica/postgresql.auto.conf" <<CONF
port = $P2
hot_standby_feedback = on
CONF
as_pg "$PGBIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica.log" -w start >/dev/null
recovering=$(as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$P2" -U postgres -tAc "select pg_is_in_recovery()")
[ "$recovering" = "t" ] || { echo "the replica is not in recovery" >&2; exit 1; }
echo "== streaming replica ready"

DEBUG=1 \
DATABASE_URL="postgres://thidua:thidua@127.0.0.1:$P1/thidua" \
DATABASE_REPLICA_URL="postgres://thidua:thidua@127.0.0.1:$P2/thidua" \
REPLICA_PG_CTL="runuser -u postgres -- $PGBIN/pg_ctl -D $WORK/replica -l $WORK/replica.log -w -m fast" \
  "$PYTHON" -m pytest -q -n 0 tests/replica
