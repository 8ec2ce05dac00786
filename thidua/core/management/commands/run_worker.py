"""``manage.py run_worker``: a worker process for long work (imports, batches of documents).

django-tasks-db's ``db_worker`` with what it lacks: on start and every REAP_SECONDS the worker reaps tasks whose worker
died (``thidua.core.tasks.reap``), and each task it runs holds a lease renewed by a pulse thread. Run any number of
workers, on any hosts that share the database. ``--batch`` runs what is queued, then exits (tests, cron).
"""

from __future__ import annotations

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from thidua.core import tasks

log = logging.getLogger(__name__)


class LeasedWorker(Worker):
    def run(self) -> None:
        label = tasks.set_worker_label(self.worker_id)
        log.info("worker %s starting", label)
        reap_once()
        if not self.batch:
            threading.Thread(target=_reap_forever, name="task-reaper", daemon=True).start()
        super().run()


def reap_once() -> dict[str, int]:
    try:
        counts = tasks.reap()
    except Exception:  # noqa: BLE001 - a failed sweep must not stop the worker; the next one tries again
        log.exception("reaping tasks failed")
        return {}
    finally:
        close_old_connections()
    if any(counts.values()):
        log.warning("reaped tasks: %s", counts)
    return counts


def _reap_forever() -> None:
    stop = threading.Event()
    try:
        while not stop.wait(getattr(settings, "TASK_REAP_SECONDS", tasks.REAP_SECONDS)):
            reap_once()
    finally:
        connection.close()


class Command(DbWorkerCommand):
    help = "Chạy một tiến trình xử lý tác vụ nền (nhập Excel, tạo văn bản hàng loạt…)."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        worker = LeasedWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
