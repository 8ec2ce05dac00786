"""Long work with progress the user can watch, run by worker processes on Django's tasks framework.

``start_task()`` records a ``core.Task`` (what the user sees: status, progress, message, result) and enqueues one
generic django-tasks task, ``run_tracked``, with that row's id. On the ``default`` backend (django-tasks-db: a table in
our own database) a worker process (``manage.py run_worker``, any number, on any host sharing the database) picks it
up; with TASKS_INLINE (tests) the ``immediate`` backend runs it at once.

A worker claims the Task with a lease (``worker``, ``lease_until``) that a pulse thread renews every PULSE_SECONDS while
the function runs; the same thread writes the progress, from its own database connection, so progress is seen while the
function's own transaction is still open. SQLite admits one writer at a time, so there the pulse also writes the
progress to a small file beside the database (``var/tasks/<id>.json``), which the status page reads.

Every worker calls ``reap()`` when it starts and every REAP_SECONDS: a running task whose lease expired has lost its
worker (killed, machine restarted). It is marked failed with the reason in Vietnamese — or, when it was declared
idempotent (``start_task(..., idempotent=True)`` or ``func.idempotent = True``) and has attempts left, enqueued again.
A worker on the same host whose process is still alive is never reaped (on SQLite it may simply be waiting for the
write lock). Files the task owns are removed when it ends or dies; ``reap()`` also sweeps old leftover uploads.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from . import logs
from .models import Task
from .scoping import own_paths
from .uploads import is_staged_file, sweep_uploads

log = logging.getLogger(__name__)
task_log = logging.getLogger("thidua.tasks")
Progress = Callable[..., None]

LEASE_SECONDS = 30  # a lease not renewed for this long means the worker is gone
PULSE_SECONDS = 2  # how often a running task's lease and progress are written
REAP_SECONDS = 30  # how often each worker looks for tasks whose worker died
DEFAULT_MAX_ATTEMPTS = 3  # runs of an idempotent task, the first one included


class TaskError(Exception):
    """An expected failure whose message (Vietnamese, for the user) and details go into the task's result."""

    def __init__(self, message: str, details: Any = None):
        super().__init__(message)
        self.details = details


def worker_lost_reason() -> str:
    return _(
        "Tiến trình xử lý đã dừng đột ngột (máy chủ khởi động lại hoặc gặp sự cố) trước khi báo xong việc. "
        "Hãy kiểm tra dữ liệu rồi làm lại nếu cần."
    )


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def _now() -> datetime.datetime:
    return timezone.now()


# --- Starting -------------------------------------------------------------------------------------------------


def start_task(
    kind: str,
    title: str,
    func: Callable[..., Any],
    *args,
    by=None,
    idempotent: bool | None = None,
    files: Iterable[str] = (),
    **kwargs,
) -> Task:
    """Record a task and queue it; ``func(*args, progress=progress, **kwargs)`` runs in a worker.

    ``func`` is a module-level function; ``args``/``kwargs`` are JSON values (ids, paths, text). ``idempotent``
    (default: ``func.idempotent``) allows running it again after its worker died. ``files`` are removed when the task
    ends, whatever the end; besides, arguments naming a file in the upload directory are treated the same way.
    """
    if idempotent is None:
        idempotent = bool(getattr(func, "idempotent", False))
    owned = [str(path) for path in files] + [str(a) for a in args if is_staged_file(a)]
    record = Task.objects.create(
        kind=kind,
        title=title[:300],
        created_by=by if getattr(by, "pk", None) else None,
        func_path=f"{func.__module__}.{func.__qualname__}",
        args=list(args),
        kwargs=kwargs,
        files=owned,
        idempotent=idempotent,
        max_attempts=_setting("TASK_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS) if idempotent else 1,
    )
    _enqueue(record)
    record.refresh_from_db()
    return record


def _enqueue(record: Task) -> None:
    backend = "immediate" if settings.TASKS_INLINE else "default"
    result = run_tracked.using(backend=backend).enqueue(record.pk)
    Task.objects.filter(pk=record.pk).update(queue_id=str(result.id)[:64])


# --- Running --------------------------------------------------------------------------------------------------

_worker_label = threading.local()


def worker_label() -> str:
    """Who runs tasks in this process: ``host:pid:id`` (set by run_worker), or ``inline`` when run at once."""
    return getattr(_worker_label, "value", "") or f"{socket.gethostname()}:{os.getpid()}:inline"


def set_worker_label(worker_id: str) -> str:
    _worker_label.value = f"{socket.gethostname()}:{os.getpid()}:{worker_id[:12]}"
    return _worker_label.value


@task()
def run_tracked(task_id: int) -> None:
    """The one django-tasks task: run the tracked function of ``core.Task`` ``task_id``."""
    execute(task_id, worker=worker_label(), pulse=not settings.TASKS_INLINE)


def execute(task_id: int, *, worker: str, pulse: bool = True) -> None:
    now = _now()
    claimed = Task.objects.filter(pk=task_id, status=Task.Status.PENDING).update(
        status=Task.Status.RUNNING,
        worker=worker[:120],
        started_at=now,
        lease_until=now + datetime.timedelta(seconds=_setting("TASK_LEASE_SECONDS", LEASE_SECONDS)),
        attempts=F("attempts") + 1,
    )
    if not claimed:  # already run, or taken by another worker
        log.warning("task %s is not pending: not run", task_id)
        return
    record = Task.objects.get(pk=task_id)
    with logs.bound(task_id=task_id, user_id=record.created_by_id):
        _execute(record, worker=worker, pulse=pulse)


def _execute(record: Task, *, worker: str, pulse: bool) -> None:
    task_id = record.pk
    started = time.monotonic()
    beat = _Pulse(task_id, worker) if pulse else None
    progress: Progress = beat.progress if beat else _direct_progress(task_id)
    if beat:
        beat.start()
    outcome: dict[str, Any]
    try:
        func = import_string(record.func_path)
        result = func(*record.args, progress=progress, **record.kwargs)
        outcome = {"status": Task.Status.DONE, "result": result or {}}
    except TaskError as exc:
        outcome = {
            "status": Task.Status.FAILED,
            "message": str(exc)[:500],
            "result": {"error": str(exc), "details": exc.details},
        }
    except Exception as exc:  # noqa: BLE001 - the user sees that it failed; the log has the trace
        log.exception("task %s (%s) failed", task_id, record.kind)
        message = _("Lỗi hệ thống: %(error)s") % {"error": exc}
        outcome = {"status": Task.Status.FAILED, "message": message[:500], "result": {"error": message}}
    finally:
        if beat:
            beat.stop()
    fields = beat.pending() if beat else {}
    fields.update(outcome, finished_at=_now(), lease_until=None)
    # The worker that did the work has the last word, even if a reaper thought it dead meanwhile.
    Task.objects.filter(pk=task_id, worker=worker[:120]).update(**fields)
    _remove_files(record.files)
    _sidecar(task_id).unlink(missing_ok=True)
    _log_task(record, str(outcome["status"]), worker=worker, started=started, with_unit=pulse)


def _log_task(
    record: Task, status: str, *, worker: str, started: float | None = None, with_unit: bool = True
) -> None:
    """The task's structured line (``thidua.tasks``): kind, status, duration, attempt, user and unit; never the
    task's title, arguments or message, which may name people. Run at once (tests, ``with_unit`` off) the line
    leaves the unit to the request's line: no query is added to the request."""
    unit = None
    if record.created_by_id and with_unit:
        try:
            unit = own_paths(record.created_by)
        except DatabaseError:
            unit = None
    task_log.log(
        logging.WARNING if status == Task.Status.FAILED else logging.INFO,
        "task %s %s %s",
        record.pk,
        record.kind,
        status,
        extra={
            "event": "task",
            "task_id": record.pk,
            "kind": record.kind,
            "status": status,
            "attempt": record.attempts,
            "duration_ms": round((time.monotonic() - started) * 1000, 1) if started is not None else None,
            "worker": worker,
            "user_id": record.created_by_id,
            "unit": unit,
        },
    )


def _progress_fields(done: int, total: int | None, message: str) -> dict[str, Any]:
    fields: dict[str, Any] = {"done": max(int(done), 0)}
    if total is not None:
        fields["total"] = max(int(total), 0)
    if message:
        fields["message"] = str(message)[:500]
    return fields


def _direct_progress(task_id: int) -> Progress:
    def progress(done: int, total: int | None = None, message: str = "") -> None:
        Task.objects.filter(pk=task_id).update(**_progress_fields(done, total, message))

    return progress


class _Pulse(threading.Thread):
    """Renews the lease and writes the latest progress from its own database connection."""

    def __init__(self, task_id: int, worker: str):
        super().__init__(name=f"task-pulse-{task_id}", daemon=True)
        self.task_id = task_id
        self.worker = worker[:120]
        self._lock = threading.Lock()
        self._fields: dict[str, Any] = {}
        self._stopped = threading.Event()

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        with self._lock:
            self._fields.update(_progress_fields(done, total, message))

    def pending(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._fields)

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=PULSE_SECONDS * 5)

    def run(self) -> None:
        try:
            if connection.vendor == "sqlite":
                # Never wait long for SQLite's one write lock: the task's own transaction may hold it for minutes.
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA busy_timeout = 200")
            interval = _setting("TASK_PULSE_SECONDS", PULSE_SECONDS)
            while not self._stopped.wait(interval):
                self.beat()
        finally:
            connection.close()

    def beat(self) -> None:
        lease = _now() + datetime.timedelta(seconds=_setting("TASK_LEASE_SECONDS", LEASE_SECONDS))
        fields = self.pending()
        if connection.vendor == "sqlite":
            _write_sidecar(self.task_id, {**fields, "lease_until": lease.isoformat()})
        try:
            Task.objects.filter(pk=self.task_id, worker=self.worker, status=Task.Status.RUNNING).update(
                lease_until=lease, **fields
            )
        except DatabaseError:  # SQLite busy: the file above carries the progress; the pid shows we are alive
            log.debug("task %s: lease not renewed (database busy)", self.task_id)


# --- Progress beside an SQLite database -----------------------------------------------------------------------


def _sidecar(task_id: int) -> Path:
    return Path(settings.VAR_DIR) / "tasks" / f"{task_id}.json"


def _write_sidecar(task_id: int, data: dict[str, Any]) -> None:
    path = _sidecar(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)


def live(record: Task) -> Task:
    """The task as the user should see it: a running task's latest progress, even if its transaction is open."""
    if record.status != Task.Status.RUNNING:
        return record
    try:
        data = json.loads(_sidecar(record.pk).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return record
    for name in ("done", "total", "message"):
        if name in data:
            setattr(record, name, data[name])
    return record


# --- Reaping --------------------------------------------------------------------------------------------------


def _proc_is_ours() -> bool:
    """True when /proc shows this process's pid namespace (so /proc/<pid> is the process os.kill reached)."""
    try:
        return Path("/proc/self").resolve().name == str(os.getpid())
    except OSError:
        return False


def _alive_here(worker: str) -> bool:
    """True when ``worker`` is a process of this host that still exists."""
    host, _sep, rest = worker.partition(":")
    if host != socket.gethostname():
        return False
    try:
        pid = int(rest.partition(":")[0])
    except ValueError:
        return False
    if pid == os.getpid():  # this very process: its pulse may be waiting for SQLite's write lock
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # The pid may have been given to another process since: a worker's command line names run_worker.
    # Only when /proc is this process's own: in a container /proc may show another pid namespace.
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not worker.endswith(":inline") and _proc_is_ours() and cmdline.exists():
        try:
            return b"run_worker" in cmdline.read_bytes()
        except OSError:
            return True
    return True


# Files an app's tasks leave behind (e.g. the national roll-up's exports): each sweeper removes what is too old and
# returns how many files it removed; ``reap`` runs them with its own housekeeping. Registered in an app's ready().
_SWEEPERS: dict[str, Callable[[datetime.datetime], int]] = {}


def register_sweeper(key: str, sweeper: Callable[[datetime.datetime], int]) -> None:
    _SWEEPERS[key] = sweeper


def reap(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Fail (or run again, when idempotent) the running tasks whose worker died; sweep old uploads and what the
    registered sweepers keep for a while (``register_sweeper``)."""
    now = now or _now()
    counts = {"failed": 0, "retried": 0, "files": 0}
    for record in Task.objects.filter(status=Task.Status.RUNNING, lease_until__lt=now).order_by("pk"):
        if _alive_here(record.worker):
            continue
        same = Task.objects.filter(
            pk=record.pk, status=Task.Status.RUNNING, worker=record.worker, lease_until=record.lease_until
        )
        if record.idempotent and record.attempts < record.max_attempts:
            message = _("Tiến trình xử lý đã dừng đột ngột; đang chạy lại (lần %(n)d/%(max)d).") % {
                "n": record.attempts + 1,
                "max": record.max_attempts,
            }
            if same.update(status=Task.Status.PENDING, worker="", lease_until=None, message=message[:500]):
                _fail_queue_entry(record, now)
                _enqueue(record)
                counts["retried"] += 1
            continue
        reason = worker_lost_reason()
        if record.idempotent:
            reason = _("%(reason)s Đã thử %(n)d lần.") % {"reason": reason, "n": record.attempts}
        failed = same.update(
            status=Task.Status.FAILED,
            message=reason[:500],
            result={"error": reason, "worker_lost": True},
            finished_at=now,
            lease_until=None,
        )
        if failed:
            _log_task(record, Task.Status.FAILED, worker=record.worker)
            _fail_queue_entry(record, now)
            counts["files"] += _remove_files(record.files)
            _sidecar(record.pk).unlink(missing_ok=True)
            counts["failed"] += 1
    counts["files"] += sweep_uploads(now=now)
    for sweeper in _SWEEPERS.values():
        counts["files"] += sweeper(now)
    return counts


def _fail_queue_entry(record: Task, now: datetime.datetime) -> None:
    """Close the django-tasks entry the dead worker left running."""
    if not record.queue_id:
        return
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        DBTaskResult.objects.filter(id=record.queue_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="thidua.core.tasks.WorkerLost",
            traceback=f"worker {record.worker} stopped",
        )
    except (DatabaseError, ValueError):
        log.warning("task %s: could not close its queue entry %s", record.pk, record.queue_id)


# --- Files ----------------------------------------------------------------------------------------------------


def _remove_files(paths: Iterable[str]) -> int:
    removed = 0
    for name in paths:
        path = Path(name)
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
