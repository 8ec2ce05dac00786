"""Sessions in the database (the default) against sessions in Redis (``REDIS_URL`` with ``SESSION_STORE=cached_db``,
the deployment setting, or ``cache``): the bare authenticated view ``core:bare`` — the session and the user, nothing
else — through Django's test client, in one child process per store on the same database. Prints the median wall
time and the median CPU time of one request (CPU time is what a busy machine does not inflate), and the SQL queries
of one request. Skipped when Redis does not answer at BENCH_REDIS_URL (default redis://127.0.0.1:6379/15).

BENCH_SCALE (default province; the session table holds what the runs left), BENCH_REPEAT (default 200).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

import run

run.apply()

import generate  # noqa: E402

STORES = ("db", "cached_db", "cache")


def measure(repeat: int) -> dict:
    """In the child: log in once, then time the bare view ``repeat`` times."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    user, _ = get_user_model().objects.get_or_create(username="bench-sessions")
    client = Client()
    client.force_login(user)
    url = reverse("core:bare")
    for _ in range(5):
        assert client.get(url).status_code == 200
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(url)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {"wall": generate.median_p95(walls), "cpu": generate.median_p95(cpus), "queries": len(queries)}


def redis_answers(url: str) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "200"))
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        generate.setup(scale)
        print(json.dumps(measure(repeat)))
        return 0
    generate.setup(scale)
    generate.ensure(scale)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    if not redis_answers(redis_url):
        print(f"sessions: Redis does not answer at {redis_url}; skipped")
        return 0
    print(f"sessions, scale {scale}, bare view x{repeat}; load average {os.getloadavg()[0]:.1f}", flush=True)
    results = {}
    for store in STORES:
        env = run.bench_env()
        env["SESSION_STORE"] = store
        if store == "db":
            env.pop("REDIS_URL", None)
        else:
            env["REDIS_URL"] = redis_url
        out = subprocess.run([sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
                             check=True)  # fmt: skip
        results[store] = json.loads(out.stdout.strip().splitlines()[-1])
    floor_cpu = results["db"]["cpu"][0]
    for store, r in results.items():
        print(
            f"bare view, sessions {store}: wall median {r['wall'][0]:.2f} ms, p95 {r['wall'][1]:.2f} ms; "
            f"CPU median {r['cpu'][0]:.2f} ms (ratio to db {r['cpu'][0] / max(floor_cpu, 1e-6):.2f}); "
            f"{r['queries']} queries",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
