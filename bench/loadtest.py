"""`make loadtest`: the demo served by gunicorn (4 workers) on a fresh database, under the officers' session mix of
bench/locustfile.py at 10 and 50 concurrent users, beside the bare authenticated view (``core:bare``, the floor: the
session and the user loaded, nothing else), on loopback only. Prints p50/p95/p99 and throughput of each run and the
ratio of the mix's throughput to the floor's.

Bounded: each run lasts LOADTEST_SECONDS (default 20) or stops after LOADTEST_MAX_REQUESTS (default 20000).
LOADTEST_USERS (default "10,50"), LOADTEST_WORKERS (default 4), LOADTEST_DATABASE_URL (default a fresh SQLite file
var/loadtest/demo.sqlite3; a PostgreSQL database given here is flushed first; LOADTEST_REUSE=1 keeps the last run's). SESSION_STORE and REDIS_URL pass
through to the server (sessions in Redis: REDIS_URL=redis://127.0.0.1:6379/0 SESSION_STORE=cache). DEBUG is off.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import run

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "var" / "loadtest"
BIN = Path(sys.executable).parent
SEARCHES = ["nguyen", "tran thi", "hoa", "le van", "pham"]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


def fresh_database(env) -> None:
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    manage(env, "migrate", "--no-input", "-v", "0")
    if not url.startswith("sqlite:///"):
        manage(env, "flush", "--no-input", "-v", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v", "0")


def session_plan(env) -> dict:
    """The demo officers and, for each, the URLs of each kind that answer it 200 (checked with the test client)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    logging.disable(logging.WARNING)  # the 404s of the URLs tried out of an account's scope are expected
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from thidua.orgs.models import RoleAssignment, Unit
    from thidua.plans.models import Plan
    from thidua.proposals.models import Proposal
    from thidua.reports.models import ExpectedReport as Report

    accounts = []
    for username in ("bentre", "bentre-leader", "chauthanh", "kcn", "giaoduc"):
        user = get_user_model().objects.get(username=username)
        unit = RoleAssignment.objects.filter(user=user).order_by("pk").first().unit
        below = Unit.objects.filter(
            path__startswith=unit.path, depth=unit.depth + 1, archived_at__isnull=True
        )
        client = Client()
        client.force_login(user)

        def seen(urls, keep=4, client=client):
            """The first ``keep`` of ``urls`` that answer this account 200 (what it may see)."""
            return [url for url in urls if client.get(url).status_code == 200][:keep]

        def detail(name, model, unit_field, unit=unit):
            """Pages of ``model`` of the account's province (the scope check above keeps what it may see)."""
            rows = model.objects.filter(**{f"{unit_field}__path__startswith": unit.path[: 2 * Unit.steplen]})
            return seen(
                [reverse(name, args=[pk]) for pk in rows.order_by("pk").values_list("pk", flat=True)[:40]]
            )

        urls = {
            "dashboard": [reverse("home:dashboard")],
            "tree": [reverse("orgs:unit-tree")],
            "people search": [f"{reverse('orgs:person-list')}?q={q.replace(' ', '+')}" for q in SEARCHES],
            "unit": seen([reverse("orgs:unit-detail", args=[pk])
                          for pk in [unit.pk, *below.order_by("-numchild").values_list("pk", flat=True)[:3]]]),
            "plan": detail("plans:plan-detail", Plan, "issuer"),
            "report": detail("reports:report-detail", Report, "unit"),
            "proposal": detail("proposals:proposal-detail", Proposal, "unit"),
        }  # fmt: skip
        missing = [kind for kind, found in urls.items() if not found]
        if missing:
            print(
                f"  {username}: no page of {', '.join(missing)} in its scope; left out of the mix", flush=True
            )
            continue
        accounts.append({"username": username, "unit": unit.name, "urls": urls})
    connections.close_all()
    return {
        "accounts": accounts,
        "password": settings.DEMO_PASSWORD,
        "login": reverse("login"),
        "bare": reverse("core:bare"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def locust(env, host: str, user_class: str, users: int, seconds: int, prefix: Path) -> dict[str, dict]:
    with open(f"{prefix}.log", "w") as log:  # locust's own summary and errors
        subprocess.run(
            [
                str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), user_class, "--headless", "--only-summary",
                "--host", host, "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--stop-timeout", "5",
                "--csv", str(prefix), "--loglevel", "ERROR",
            ],
            env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def line(label: str, row: dict, floor_rps: float | None = None) -> str:
    rps = float(row["Requests/s"])
    text = (
        f"{label}: {rps:7.1f} req/s, p50 {row['50%']} ms, p95 {row['95%']} ms, p99 {row['99%']} ms "
        f"[{row['Request Count']} requests, {row['Failure Count']} failed]"
    )
    if floor_rps:
        text += f" — {rps / floor_rps:.0%} of the bare view"
    return text


def main() -> int:
    seconds = int(os.environ.get("LOADTEST_SECONDS", "20"))
    users_list = [int(u) for u in os.environ.get("LOADTEST_USERS", "10,50").split(",")]
    workers = os.environ.get("LOADTEST_WORKERS", "4")
    OUT.mkdir(parents=True, exist_ok=True)
    env = run.bench_env()
    env["DATABASE_URL"] = os.environ.get("LOADTEST_DATABASE_URL") or f"sqlite:///{OUT / 'demo.sqlite3'}"
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("LOADTEST_MAX_REQUESTS", "20000")
    env.setdefault("TASKS_INLINE", "0")
    started = time.monotonic()
    print(
        f"fresh database {env['DATABASE_URL'].split('@')[-1]}: migrate, load_demo, collectstatic", flush=True
    )
    if os.environ.get("LOADTEST_REUSE") == "1" and Path(OUT / "plan.json").exists():
        print("  LOADTEST_REUSE=1: the database of the last run, as it is", flush=True)
    else:
        fresh_database(env)
    plan = session_plan(env)
    env["LOADTEST_PLAN"] = str(OUT / "plan.json")
    Path(env["LOADTEST_PLAN"]).write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    print(
        f"ready in {time.monotonic() - started:.0f} s; officers: {', '.join(a['username'] for a in plan['accounts'])}"
    )

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "thidua.wsgi:application", "--workers", workers, "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        wait_until_up(f"{host}/health/")
        print(
            f"gunicorn {workers} workers on 127.0.0.1:{port}; sessions: {env.get('SESSION_STORE') or 'default'}"
            f"{' (Redis)' if env.get('REDIS_URL') else ''}; each run {seconds} s or {env['LOADTEST_MAX_REQUESTS']} "
            f"requests; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            flush=True,
        )
        for users in users_list:
            bare = locust(env, host, "Bare", users, seconds, OUT / f"bare-{users}")
            print(f"== {users} users", flush=True)
            floor = bare.get("bare view")
            if floor is None:  # the users' logins took the whole run (argon2, on a loaded machine)
                print(
                    f"  bare view: no request finished in {seconds} s; give LOADTEST_SECONDS more", flush=True
                )
                continue
            floor_rps = float(floor["Requests/s"])
            print(line("  bare view", floor), flush=True)
            mix = locust(env, host, "Officer", users, seconds, OUT / f"officer-{users}")
            print(line("  officer mix", mix["Aggregated"], floor_rps), flush=True)
            for name, row in sorted(mix.items()):
                if name != "Aggregated":
                    print(line(f"    {name}", row), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
