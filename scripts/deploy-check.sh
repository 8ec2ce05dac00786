#!/usr/bin/env bash
# `make deploy-check`: prove that deploy/ works on this machine, then leave nothing running.
#  1. systemd-analyze verify on every unit of deploy/systemd (paths pointed at this checkout)
#  2. nginx -t on deploy/nginx/thidua.conf (with a throw-away certificate)
#  3. production settings built from deploy/thidua.env.template, `manage.py check --deploy`
#  4. on PostgreSQL (a database of its own): migrate, collectstatic, gunicorn with 4 workers + 2 task workers
#  5. /health/ answers 200, /metrics answers the local scraper
#  6. a task worker is killed (SIGKILL) in the middle of a task: another worker marks the task failed with the
#     reason; an idempotent task whose worker is killed is run again and completes
#  7. everything started is stopped (also on failure), the database dropped
# Usage: scripts/deploy-check.sh [PYTHON]   (PG_ADMIN_URL, DEPLOY_CHECK_DB to choose the database)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${1:-$ROOT/.venv/bin/python}
BIN=$(dirname "$PYTHON")
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://thidua:thidua@127.0.0.1:5432/postgres}
DB=${DEPLOY_CHECK_DB:-thidua_deploycheck}
WORK=$(mktemp -d /tmp/thidua-deploy-check.XXXXXX)
PIDS=()
cd "$ROOT"

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nDEPLOY CHECK FAILED: %s\n' "$*" >&2; exit 1; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  psql "$PG_ADMIN_URL" -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  if [ $rc -ne 0 ]; then
    echo "-- logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

./scripts/ensure-deploy-tools.sh

say "1. systemd-analyze verify deploy/systemd"
mkdir -p "$WORK/units"
for unit in deploy/systemd/*; do
  sed "s#/srv/thidua#$ROOT#g; s#/etc/thidua/thidua.env#$WORK/thidua.env#g" "$unit" > "$WORK/units/$(basename "$unit")"
done
: > "$WORK/thidua.env"
# Templates are verified through an instance, the way systemd loads them.
cp "$WORK/units/thidua-worker@.service" "$WORK/units/thidua-worker@1.service"
verify=("$WORK/units/thidua-web.service" "$WORK/units/thidua-worker@1.service" "$WORK/units/thidua-workers.target")
for timer in "$WORK"/units/*.timer; do
  job=$(sed -n 's/^Unit=thidua-job@\(.*\)\.service$/\1/p' "$timer")
  [ -n "$job" ] || fail "$(basename "$timer") names no thidua-job@ instance"
  ls thidua/*/management/commands/"$job".py >/dev/null 2>&1 \
    || fail "$(basename "$timer") runs $job, which is no manage.py command of thidua"
  cp "$WORK/units/thidua-job@.service" "$WORK/units/thidua-job@$job.service"
  verify+=("$timer" "$WORK/units/thidua-job@$job.service")
done
out=$(systemd-analyze verify --man=no "${verify[@]}" 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify warned: $out"
echo "verified ${#verify[@]} units"

say "2. nginx -t deploy/nginx/thidua.conf"
mkdir -p "$WORK/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=thidua.example.vn \
  -keyout "$WORK/nginx/privkey.pem" -out "$WORK/nginx/fullchain.pem" 2>/dev/null
sed "s#/etc/ssl/thidua#$WORK/nginx#g; s#/var/log/nginx#$WORK/nginx#g; s#/srv/thidua#$ROOT#g" \
  deploy/nginx/thidua.conf > "$WORK/nginx/site.conf"
cat > "$WORK/nginx/nginx.conf" <<EOF
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    include $WORK/nginx/site.conf;
}
EOF
nginx -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" || fail "nginx -t"
echo "nginx configuration is valid"

say "3. production settings from deploy/thidua.env.template, check --deploy"
./scripts/ensure-postgres.sh >/dev/null
psql "$PG_ADMIN_URL" -qc "drop database if exists $DB with (force)" >/dev/null
psql "$PG_ADMIN_URL" -qc "create database $DB" >/dev/null
WEB_PORT=$(free_port)
SECRET=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
DB_URL="${PG_ADMIN_URL%/*}/$DB"
# The template's values, the CHANGE-ME ones filled in, the paths pointed at a folder of the check's own.
sed -e "s#^SECRET_KEY=CHANGE-ME#SECRET_KEY=$SECRET#" \
    -e "s#^DATABASE_URL=.*#DATABASE_URL=$DB_URL#" \
    -e "s#^WEB_BIND=.*#WEB_BIND=127.0.0.1:$WEB_PORT#" \
    deploy/thidua.env.template > "$WORK/thidua.env"
cat >> "$WORK/thidua.env" <<EOF
# deploy-check: its own folders, a fast reaper, 4 web workers
MEDIA_ROOT=$WORK/var/media
ATTACHMENTS_DIR=$WORK/var/attachments
IMPORT_UPLOAD_DIR=$WORK/var/imports
PROMETHEUS_MULTIPROC_DIR=$WORK/prometheus
TASK_PULSE_SECONDS=1
TASK_LEASE_SECONDS=4
TASK_REAP_SECONDS=2
WEB_CONCURRENCY=4
EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
EOF
if grep -q '^[^#].*CHANGE-ME' "$WORK/thidua.env"; then fail "a required value is left CHANGE-ME: $(grep '^[^#].*CHANGE-ME' "$WORK/thidua.env")"; fi
mkdir -p "$WORK/prometheus" "$WORK/var"
set -a
# shellcheck disable=SC1091
. "$WORK/thidua.env"
set +a
unset DEBUG
"$PYTHON" manage.py check --deploy --fail-level WARNING

say "4. migrate, collectstatic, gunicorn (4 workers) and 2 task workers on PostgreSQL"
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py collectstatic --noinput -v 0
"$BIN/gunicorn" --config deploy/gunicorn.conf.py thidua.wsgi:application > "$WORK/web.log" 2>&1 &
PIDS+=($!)
STARTED=""
start_worker() {  # sets STARTED to the new worker's pid (no subshell: PIDS must keep it for the cleanup)
  "$PYTHON" manage.py run_worker --no-reload --worker-id "check-$1" > "$WORK/worker-$1.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}
start_worker 1; W1=$STARTED
start_worker 2; W2=$STARTED
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/health/" -H "Host: thidua.example.vn" 2>/dev/null && break
  sleep 1
done
web_workers=$(pgrep -c -P "${PIDS[0]}" || true)
echo "gunicorn master ${PIDS[0]} with $web_workers workers; task workers $W1, $W2"
[ "$web_workers" = "4" ] || fail "gunicorn runs $web_workers workers, not 4"

say "5. /health/ and /metrics"
health=$(curl -sS -w ' %{http_code}' "http://127.0.0.1:$WEB_PORT/health/" -H "Host: thidua.example.vn")
echo "$health"
[[ "$health" == *'"status": "ok"'*' 200' ]] || fail "/health/ is not healthy"
for _ in 1 2 3 4 5 6 7 8; do  # spread over the workers, so that the metrics add up several processes
  curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/health/" -H "Host: thidua.example.vn"
done
metrics=$(curl -sS "http://127.0.0.1:$WEB_PORT/metrics" -H "Host: thidua.example.vn")
grep -E '^(django_http_requests_total_by_view_transport_method_total|thidua_tasks)\{' <<<"$metrics" | head -8
grep -q '^thidua_tasks{status="pending"}' <<<"$metrics" || fail "/metrics has no task queue figures"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$WEB_PORT/metrics" -H "Host: thidua.example.vn" \
  -H "X-Forwarded-For: 203.0.113.7")
[ "$code" = "404" ] || fail "/metrics through the proxy answered $code without the token"
echo "/metrics through the proxy without the token: 404"
grep -q '"event": "request"' "$WORK/web.log" || fail "no JSON request line in gunicorn's log"
echo "request log line: $(grep -m1 '"event": "request"' "$WORK/web.log")"

say "6. a task worker killed in the middle of a task"
# The task's state read straight from the database (a manage.py start per poll would be slow).
show() { psql "$DB_URL" -tAF' ' -c "select status, worker, attempts, coalesce(result->>'worker_lost', 'false') from core_task where id = $1"; }
wait_status() {  # task, wanted status, seconds: prints "status worker attempts worker_lost"
  local state=""
  for _ in $(seq 1 $(($3 * 2))); do
    state=$(show "$1")
    [ "${state%% *}" = "$2" ] && { echo "$state"; return 0; }
    sleep 0.5
  done
  echo "$state"
  return 1
}
KILLED=""
kill_runner() {  # task: SIGKILL the worker process running it, as a crash or an OOM kill would
  local state
  state=$(wait_status "$1" running 60) || fail "task $1 never started: $state"
  KILLED=$(cut -d' ' -f2 <<<"$state" | cut -d: -f2)
  kill -KILL "$KILLED"
}
replace_worker() {  # start another worker in place of the killed one, as systemd's Restart=always does
  start_worker "$1"
  if [ "$KILLED" = "$W1" ]; then W1=$STARTED; else W2=$STARTED; fi
}

TASK=$("$PYTHON" manage.py task_probe start --seconds 120 | tail -1)
kill_runner "$TASK"
echo "task $TASK (not idempotent): its worker, pid $KILLED, killed with SIGKILL"
state=$(wait_status "$TASK" failed 60) || fail "task $TASK was not marked failed: $state"
echo "task $TASK: $state (status worker attempts worker_lost)"
[ "$(cut -d' ' -f4 <<<"$state")" = "true" ] || fail "task $TASK failed for another reason"
replace_worker 3

TASK=$("$PYTHON" manage.py task_probe start --seconds 30 --idempotent | tail -1)
kill_runner "$TASK"
echo "task $TASK (idempotent): its worker, pid $KILLED, killed with SIGKILL"
state=$(wait_status "$TASK" done 150) || fail "task $TASK was not run again to the end: $state"
echo "task $TASK: $state (status worker attempts worker_lost)"
[ "$(cut -d' ' -f3 <<<"$state")" = "2" ] || fail "task $TASK ran $(cut -d' ' -f3 <<<"$state") times, not 2"
replace_worker 4
"$PYTHON" manage.py task_probe show "$TASK"
grep -h '"event": "task"' "$WORK"/worker-*.log | tail -3 || true

say "7. stopping everything"
echo "DEPLOY CHECK PASSED"
