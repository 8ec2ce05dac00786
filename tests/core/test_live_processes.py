"""Real processes on a real database: a threaded server hit by concurrent writers, and workers that die.

The site runs in its own processes (``runserver`` and ``run_worker``) on a database of its own — an SQLite file, or a
fresh PostgreSQL database when the suite runs on PostgreSQL — built with the standard tree of ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
CSRF = "a" * 32
WRITERS = 12
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quân", "Sơn", "Tâm",
         "Uyên", "Vân", "Xuân", "Yến", "Hải", "Hoa"]  # fmt: skip
REASON = "Tiến trình xử lý đã dừng đột ngột"

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from tests.conftest import build_standard_tree
from thidua.orgs.models import Unit

build_standard_tree()
sessions = {}
for user in get_user_model().objects.all():
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions[user.username] = store.session_key
units = {u.code: u.pk for u in Unit.objects.all()}
print("SETUP " + json.dumps({"sessions": sessions, "units": units}))
"""


def slow_work(path: str, *, progress) -> dict:
    """A task that takes its time (run by the site's worker, which finds it by this module's path)."""
    for step in range(1, 1201):
        progress(step, 1200, "Đang ghi dữ liệu")
        time.sleep(0.1)
    return {"steps": 1200}


def quick_work(n: int, *, progress) -> dict:
    progress(1, 1, "Xong")
    return {"n": n}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(tmp: Path) -> tuple[str, object]:
    """A database for the site's processes, and how to drop it."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{tmp / 'live.sqlite3'}", lambda: None
    import psycopg

    base = urlparse(os.environ["DATABASE_URL"])
    name = f"{base.path.lstrip('/')}_live_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    admin = base._replace(path="/postgres").geturl()

    def run(sql: str) -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return base._replace(path=f"/{name}").geturl(), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


class Site:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        url, self.drop = _database_url(tmp)
        self.env = {**os.environ, "DATABASE_URL": url, "AXES_ENABLED": "0", "DEBUG": "1", "TASKS_INLINE": "0",
                    "TASK_PULSE_SECONDS": "0.2", "TASK_LEASE_SECONDS": "2", "TASK_REAP_SECONDS": "0.5"}  # fmt: skip
        self.env.pop("SQLITE_TEST_NAME", None)
        self.env["IMPORT_UPLOAD_DIR"] = str(tmp / "imports")
        self.processes: list[subprocess.Popen] = []

    def manage(self, *args: str, timeout: int = 300) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, *args: str, log: str) -> subprocess.Popen:
        out = (self.tmp / log).open("w")
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
        )
        self.processes.append(process)
        return process

    def shell(self, code: str) -> str:
        return self.manage("shell", "-v", "0", "-c", code)

    def stop(self, process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
        if process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=60)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=60)
        self.drop()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    site = Site(tmp)
    try:
        site.manage("migrate", "--noinput")
        line = [ln for ln in site.shell(SETUP).splitlines() if ln.startswith("SETUP ")][-1]
        data = json.loads(line.removeprefix("SETUP "))
        site.sessions, site.units = data["sessions"], data["units"]
        port = _free_port()
        site.url = f"http://127.0.0.1:{port}"
        site.server = site.start(
            "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}", log="server.log"
        )
        for _attempt in range(600):
            try:
                requests.get(f"{site.url}/dang-nhap/", timeout=30)
                break
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or busy starting
                assert site.server.poll() is None, (tmp / "server.log").read_text()
                time.sleep(0.1)
        yield site
    finally:
        site.close()


def session_for(site: Site, username: str) -> requests.Session:
    browser = requests.Session()
    browser.cookies.set("sessionid", site.sessions[username], domain="127.0.0.1")
    browser.cookies.set("csrftoken", CSRF, domain="127.0.0.1")
    browser.headers["X-CSRFToken"] = CSRF
    return browser


def all_at_once(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released together."""
    start = threading.Barrier(count)

    def run(i: int):
        start.wait()
        return work(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_concurrent_plan_drafts_get_no_error_and_distinct_numbers(site):
    def draft(i: int) -> int:
        browser = session_for(site, "province_officer")
        data = {
            "issuer": site.units["BT"],
            "kind": "plan",
            "title": f"Kế hoạch đồng thời {i}",
            "year": "2026",
        }
        return browser.post(f"{site.url}/ke-hoach/soan-moi/", data=data, allow_redirects=False).status_code

    statuses = all_at_once(WRITERS, draft)

    assert statuses == [302] * WRITERS
    numbers = json.loads(
        site.shell(
            "import json; from thidua.plans.models import Plan; "
            "print(json.dumps(sorted(Plan.objects.filter(title__startswith='Kế hoạch đồng thời')"
            ".values_list('number', flat=True))))"
        )
        .strip()
        .splitlines()[-1]
    )
    assert numbers == list(range(numbers[0], numbers[0] + WRITERS))


def test_concurrent_person_saves_get_no_error(site):
    def add(i: int) -> int:
        browser = session_for(site, "grassroots_officer")
        data = {
            "full_name": f"Trịnh Đồng Thời {GIVEN[i]}", "unit": site.units["MAY"], "joined_on": "01/01/2024",
            "gender": "male", "is_member": "1",
            "position": "member", "job_category": "worker",
        }  # fmt: skip
        return browser.post(
            f"{site.url}/don-vi/nguoi-lao-dong/them/", data=data, allow_redirects=False
        ).status_code

    statuses = all_at_once(WRITERS, add)

    assert statuses == [302] * WRITERS
    count = site.shell(
        "from thidua.orgs.models import Person; "
        "print(Person.objects.filter(family_name='Trịnh', middle_name='Đồng Thời').count())"
    )
    assert count.strip().splitlines()[-1] == str(WRITERS)


def start_task_in_site(site: Site, func: str, *args) -> int:
    code = (
        "from django.contrib.auth import get_user_model; from thidua.core.tasks import start_task; "
        f"from tests.core.test_live_processes import {func}; "
        "by = get_user_model().objects.get(username='province_officer'); "
        f"print(start_task('test.live', 'Việc thử', {func}, *{list(args)!r}, by=by).pk)"
    )
    return int(site.shell(code).strip().splitlines()[-1])


def wait_for(predicate, what: str, tries: int = 1200):
    for _attempt in range(tries):
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_task_whose_worker_was_killed_is_failed_by_another_worker_and_its_upload_removed(site):
    uploads = site.tmp / "imports"
    uploads.mkdir(exist_ok=True)
    upload = uploads / "tep-dang-nhap.upload"
    upload.write_bytes(b"du lieu")
    browser = session_for(site, "province_officer")
    pk = start_task_in_site(site, "slow_work", str(upload))
    page = f"{site.url}/tac-vu/{pk}/"
    assert "Đang chờ" in browser.get(page).text  # queued: no worker yet

    first = site.start(
        "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", log="worker1.log"
    )
    # Progress shows while the task runs (the task reports each step; the pulse writes it).
    wait_for(
        lambda: "Đang chạy — " in browser.get(page).text and "/1200" in browser.get(page).text, "progress"
    )
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=60)

    second = site.start(
        "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", log="worker2.log"
    )

    def reaped() -> str:
        text = browser.get(page).text
        return text if REASON in text else ""

    text = wait_for(reaped, "the reaper")
    assert "Lỗi" in text
    assert not upload.exists()

    # The second worker goes on with new work.
    done = start_task_in_site(site, "quick_work", 7)
    wait_for(lambda: "Hoàn thành" in browser.get(f"{site.url}/tac-vu/{done}/").text, "the next task")
    site.stop(second)
    assert second.returncode == 0
