"""Long work on the task queue: queued, run by a worker, leases, reaping, retries, files, progress."""

import datetime
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from thidua.core import tasks
from thidua.core.models import Task
from thidua.orgs.models import Unit

REASON = (
    "Tiến trình xử lý đã dừng đột ngột (máy chủ khởi động lại hoặc gặp sự cố) trước khi báo xong việc. "
    "Hãy kiểm tra dữ liệu rồi làm lại nếu cần."
)


# Tracked functions: module level, so the worker finds them by their dotted path.
def add_numbers(a: int, b: int, *, progress, label: str = "") -> dict:
    progress(1, 2, "Đang cộng")
    return {"sum": a + b, "label": label}


def refuse(*, progress) -> dict:
    raise tasks.TaskError("Tệp có 2 lỗi: chưa nhập gì.", details=["Dòng 3: thiếu họ tên"])


def rename_unit(unit_id: int, name: str, *, progress) -> dict:
    Unit.objects.filter(pk=unit_id).update(name=name)
    return {"renamed": unit_id}


rename_unit.idempotent = True  # type: ignore[attr-defined]


def write_and_watch(unit_id: int, *, progress) -> dict:
    """Inside its write transaction, report progress and wait until the status page could see it."""
    with transaction.atomic():
        Unit.objects.filter(pk=unit_id).update(name="Đang ghi")
        progress(5, 10, "Đang ghi dữ liệu")
        task_id = Task.objects.get(kind="test.watch").pk
        seen = 0
        for _attempt in range(400):
            seen = tasks.live(Task.objects.get(pk=task_id)).done
            if seen == 5:
                break
            time.sleep(0.025)
    return {"seen": seen}


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "imports")


@pytest.fixture
def queued(settings, db):
    """Tasks go to the database queue (as in production) instead of running at once."""
    settings.TASKS_INLINE = False
    return settings


@pytest.fixture
def run_worker(monkeypatch):
    """Run the worker over what is queued, then stop (its --batch mode); keep the test's signal handlers and its
    database connection (a worker closes connections left in a transaction, and a test runs in one)."""
    from django_tasks_db.management.commands import db_worker

    from thidua.core.management.commands import run_worker as command

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(command, "close_old_connections", lambda: None)
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run() -> None:
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def lose_worker(task: Task, worker: str, *, attempts: int = 1) -> None:
    """What a worker killed mid-task leaves: the task running under its name with a lease that has run out."""
    Task.objects.filter(pk=task.pk).update(
        status=Task.Status.RUNNING,
        worker=worker,
        attempts=attempts,
        started_at=timezone.now() - datetime.timedelta(minutes=5),
        lease_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    DBTaskResult.objects.filter(id=task.queue_id).update(status="RUNNING")


def test_a_queued_task_waits_for_a_worker_and_the_worker_runs_it(queued, run_worker, users):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 2, 3, by=users.province_officer, label="x")
    assert (task.status, task.func_path, task.args, task.kwargs) == (
        "pending", "tests.core.test_tasks.add_numbers", [2, 3], {"label": "x"}
    )  # fmt: skip
    assert DBTaskResult.objects.get(id=task.queue_id).status == "READY"

    run_worker()

    task.refresh_from_db()
    assert (task.status, task.result, task.attempts, task.done, task.total) == (
        "done", {"sum": 5, "label": "x"}, 1, 1, 2
    )  # fmt: skip
    assert task.worker.startswith(f"{socket.gethostname()}:{os.getpid()}:")
    assert task.lease_until is None
    assert DBTaskResult.objects.get(id=task.queue_id).status == "SUCCESSFUL"


def test_an_expected_failure_keeps_its_vietnamese_message_and_details(queued, run_worker):
    task = tasks.start_task("test.refuse", "Từ chối", refuse)
    run_worker()
    task.refresh_from_db()
    assert (task.status, task.message) == ("failed", "Tệp có 2 lỗi: chưa nhập gì.")
    assert task.result == {"error": "Tệp có 2 lỗi: chưa nhập gì.", "details": ["Dòng 3: thiếu họ tên"]}


def test_inline_mode_runs_the_task_at_once(users):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 4, 5)
    assert (task.status, task.result, task.attempts) == ("done", {"sum": 9, "label": ""}, 1)


def test_a_task_already_claimed_is_not_run_twice(queued, run_worker, tree):
    task = tasks.start_task("test.rename", "Đổi tên", rename_unit, tree.MAY.pk, "Tên mới")
    Task.objects.filter(pk=task.pk).update(status=Task.Status.RUNNING, worker="elsewhere:1:a")
    run_worker()
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("running", 0)
    assert Unit.objects.get(pk=tree.MAY.pk).name == tree.MAY.name


def test_a_task_whose_worker_died_is_marked_failed_with_the_reason(queued, tree, users):
    task = tasks.start_task("orgs.import_people", "Nhập", add_numbers, 1, 2, by=users.province_officer)
    lose_worker(task, "may-chu-khac:4242:abc")

    assert tasks.reap() == {"failed": 1, "retried": 0, "files": 0}

    task.refresh_from_db()
    assert (task.status, task.message, task.lease_until) == ("failed", REASON, None)
    assert task.result == {"error": REASON, "worker_lost": True}
    assert task.finished_at is not None
    assert DBTaskResult.objects.get(id=task.queue_id).status == "FAILED"


def test_the_status_page_says_why_a_task_failed_when_its_worker_died(queued, client_for, users):
    task = tasks.start_task("orgs.import_people", "Nhập", add_numbers, 1, 2, by=users.province_officer)
    lose_worker(task, "may-chu-khac:4242:abc")
    tasks.reap()
    page = client_for(users.province_officer).get(reverse("orgs:import-status", args=[task.pk]))
    text = page.content.decode()
    assert REASON in text
    assert "Không có dữ liệu nào bị thay đổi." not in text


def test_a_dead_process_on_this_host_is_found_by_its_pid(queued):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2)
    lose_worker(task, f"{socket.gethostname()}:{dead_pid()}:abc")
    assert tasks.reap()["failed"] == 1


def test_a_live_worker_of_this_host_is_not_reaped_even_if_it_could_not_renew_its_lease(queued):
    """On SQLite a long import holds the one write lock: the pulse cannot write, but the process lives."""
    worker = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", "manage.py", "run_worker"]
    )
    try:
        # Until the child has exec'd, /proc shows the parent's (pytest's) command line: wait for it.
        cmdline = pathlib.Path(f"/proc/{worker.pid}/cmdline")
        deadline = time.monotonic() + 10
        while (
            tasks._proc_is_ours()
            and b"run_worker" not in cmdline.read_bytes()
            and time.monotonic() < deadline
        ):
            time.sleep(0.01)
        task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2)
        lose_worker(task, f"{socket.gethostname()}:{worker.pid}:abc")
        assert tasks.reap()["failed"] == 0
        task.refresh_from_db()
        assert task.status == "running"
    finally:
        worker.kill()
        worker.wait()


@pytest.mark.skipif(
    not tasks._proc_is_ours(), reason="/proc shows another pid namespace: command lines unknown"
)
def test_a_pid_now_held_by_another_program_is_not_taken_for_the_worker(queued):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2)
    lose_worker(task, f"{socket.gethostname()}:{os.getppid()}:abc")  # alive, but not a worker
    assert tasks.reap()["failed"] == 1


def test_a_task_whose_lease_is_still_valid_is_left_alone(queued):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2)
    lose_worker(task, "may-chu-khac:4242:abc")
    Task.objects.filter(pk=task.pk).update(lease_until=timezone.now() + datetime.timedelta(seconds=20))
    assert tasks.reap()["failed"] == 0
    assert Task.objects.get(pk=task.pk).status == "running"


def test_an_idempotent_task_is_run_again_after_its_worker_died(queued, run_worker, tree):
    task = tasks.start_task("test.rename", "Đổi tên", rename_unit, tree.MAY.pk, "Tên mới")
    assert (task.idempotent, task.max_attempts) == (True, 3)
    first_entry = task.queue_id
    lose_worker(task, "may-chu-khac:4242:abc")

    assert tasks.reap() == {"failed": 0, "retried": 1, "files": 0}
    task.refresh_from_db()
    assert task.status == "pending"
    assert task.message == "Tiến trình xử lý đã dừng đột ngột; đang chạy lại (lần 2/3)."
    assert task.queue_id != first_entry
    assert DBTaskResult.objects.get(id=first_entry).status == "FAILED"

    run_worker()

    task.refresh_from_db()
    assert (task.status, task.attempts, task.result) == ("done", 2, {"renamed": tree.MAY.pk})
    assert Unit.objects.get(pk=tree.MAY.pk).name == "Tên mới"


def test_an_idempotent_task_is_failed_once_its_attempts_are_spent(queued, tree):
    task = tasks.start_task("test.rename", "Đổi tên", rename_unit, tree.MAY.pk, "Tên mới")
    lose_worker(task, "may-chu-khac:4242:abc", attempts=3)
    assert tasks.reap()["failed"] == 1
    task.refresh_from_db()
    assert (task.status, task.message) == ("failed", f"{REASON} Đã thử 3 lần.")


def test_a_task_not_declared_idempotent_is_never_retried(queued, tree):
    task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2)
    assert (task.idempotent, task.max_attempts) == (False, 1)
    task = tasks.start_task("test.add", "Cộng", add_numbers, 1, 2, idempotent=True)
    assert (task.idempotent, task.max_attempts) == (True, 3)


def test_the_upload_of_a_task_whose_worker_died_is_removed(queued, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "imports")
    (tmp_path / "imports").mkdir()
    upload = tmp_path / "imports" / "abc.upload"
    upload.write_bytes(b"x")
    kept = tmp_path / "other.txt"
    kept.write_bytes(b"y")
    task = tasks.start_task("orgs.import_people", "Nhập", add_numbers, str(upload), 2, files=[str(kept)])
    assert task.files == [str(kept), str(upload)]
    lose_worker(task, "may-chu-khac:4242:abc")

    assert tasks.reap() == {"failed": 1, "retried": 0, "files": 2}
    assert not upload.exists()
    assert not kept.exists()


def test_the_files_of_a_finished_task_are_removed(queued, run_worker, settings, tmp_path):
    owned = tmp_path / "owned.bin"
    owned.write_bytes(b"x")
    task = tasks.start_task("test.refuse", "Từ chối", refuse, files=[str(owned)])
    run_worker()
    assert Task.objects.get(pk=task.pk).status == "failed"
    assert not owned.exists()


def test_old_leftover_uploads_are_swept_and_recent_ones_kept(settings, tmp_path, db):
    settings.IMPORT_UPLOAD_DIR = str(tmp_path)
    old, recent = tmp_path / "old.upload", tmp_path / "recent.upload"
    old.write_bytes(b"x")
    recent.write_bytes(b"y")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))

    assert tasks.reap()["files"] == 1
    assert (old.exists(), recent.exists()) == (False, True)


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_task_writes_in_its_transaction(queued, run_worker, settings, tmp_path):
    """The pulse writes progress from its own connection (and beside an SQLite database, to a file)."""
    settings.TASK_PULSE_SECONDS = 0.02
    settings.VAR_DIR = tmp_path
    unit = Unit.objects.get(code="MAY")
    task = tasks.start_task("test.watch", "Theo dõi", write_and_watch, unit.pk)
    run_worker()
    task.refresh_from_db()
    assert (task.status, task.result) == ("done", {"seen": 5})
    assert list(tmp_path.glob("tasks/*.json")) == []  # the progress file goes when the task ends


def test_a_task_waiting_long_for_a_worker_says_so(queued, client_for, users):
    task = tasks.start_task("orgs.import_people", "Nhập", add_numbers, 1, 2, by=users.province_officer)
    client = client_for(users.province_officer)
    hint = "Việc này đã chờ hơn hai phút mà chưa có tiến trình xử lý nào nhận."
    assert hint not in client.get(reverse("orgs:import-status", args=[task.pk])).content.decode()
    Task.objects.filter(pk=task.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    assert hint in client.get(reverse("orgs:import-status", args=[task.pk])).content.decode()
