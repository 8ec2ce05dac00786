#!/usr/bin/env bash
# `make run`: the development server with one task worker beside it. The worker stops when the server stops
# (Ctrl+C, or the server exiting for any reason).
# Usage: scripts/run-with-worker.sh PYTHON ADDRESS:PORT
set -euo pipefail
PYTHON=${1:-.venv/bin/python}
ADDRESS=${2:-127.0.0.1:8000}

"$PYTHON" manage.py run_worker --no-reload &
WORKER=$!
stop_worker() {
  if kill -0 "$WORKER" 2>/dev/null; then
    kill -TERM "$WORKER" 2>/dev/null || true
    wait "$WORKER" 2>/dev/null || true
  fi
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

"$PYTHON" manage.py runserver "$ADDRESS"
