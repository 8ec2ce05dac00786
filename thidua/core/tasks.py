"""Long work with progress the user can watch.

On the embedded default the work runs in a thread of the web process; with TASKS_INLINE (tests, commands) it runs
at once. The function gets a ``progress(done, total, message="")`` callback and returns a JSON-friendly result.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Task

log = logging.getLogger(__name__)
Progress = Callable[..., None]


class TaskError(Exception):
    """An expected failure whose message (Vietnamese, for the user) and details go into the task's result."""

    def __init__(self, message: str, details: Any = None):
        super().__init__(message)
        self.details = details


def _run(task_id: int, func: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    task = Task.objects.get(pk=task_id)
    Task.objects.filter(pk=task_id).update(status=Task.Status.RUNNING)

    def progress(done: int, total: int | None = None, message: str = "") -> None:
        fields: dict[str, Any] = {"done": done}
        if total is not None:
            fields["total"] = total
        if message:
            fields["message"] = message[:500]
        Task.objects.filter(pk=task_id).update(**fields)

    try:
        result = func(*args, progress=progress, **kwargs)
        Task.objects.filter(pk=task_id).update(
            status=Task.Status.DONE, result=result or {}, finished_at=timezone.now()
        )
    except TaskError as exc:
        Task.objects.filter(pk=task_id).update(
            status=Task.Status.FAILED,
            message=str(exc)[:500],
            result={"error": str(exc), "details": exc.details},
            finished_at=timezone.now(),
        )
    except Exception as exc:  # noqa: BLE001 - the user sees that it failed; the log has the trace
        log.exception("task %s (%s) failed", task_id, task.kind)
        Task.objects.filter(pk=task_id).update(
            status=Task.Status.FAILED,
            message=(_("Lỗi hệ thống: %(error)s") % {"error": exc})[:500],
            result={"error": str(exc)},
            finished_at=timezone.now(),
        )


def start_task(kind: str, title: str, func: Callable[..., Any], *args, by=None, **kwargs) -> Task:
    task = Task.objects.create(
        kind=kind, title=title[:300], created_by=by if getattr(by, "pk", None) else None
    )
    if settings.TASKS_INLINE or connection.in_atomic_block:
        _run(task.pk, func, args, kwargs)
    else:

        def target() -> None:
            close_old_connections()
            try:
                _run(task.pk, func, args, kwargs)
            finally:
                connection.close()

        threading.Thread(target=target, name=f"task-{task.pk}", daemon=True).start()
    task.refresh_from_db()
    return task
