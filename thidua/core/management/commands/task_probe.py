"""``manage.py task_probe``: a harmless task to watch the queue work on a real installation.

``task_probe start [--seconds N] [--idempotent]`` queues a task that only waits N seconds (reporting its progress)
and prints its id; ``task_probe show ID`` prints its state as JSON (status, worker, attempts, message). Used by
``make deploy-check`` to kill a worker in the middle of a task and watch another one reap it, and by operators to
check that the workers take work (docs/deployment.md).
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError

from thidua.core import tasks
from thidua.core.models import Task


def probe(seconds: float, *, progress) -> dict:
    steps = max(int(seconds), 1)
    for done in range(steps):
        progress(done, steps, "")
        time.sleep(seconds / steps)
    return {"waited": seconds}


class Command(BaseCommand):
    help = "Đưa vào hàng đợi một tác vụ thử (chỉ chờ) hoặc xem trạng thái của nó."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        start = sub.add_parser("start")
        start.add_argument("--seconds", type=float, default=30)
        start.add_argument("--idempotent", action="store_true")
        show = sub.add_parser("show")
        show.add_argument("task_id", type=int)

    def handle(self, *args, action: str, **options):
        if action == "start":
            record = tasks.start_task(
                "probe", "Tác vụ thử", probe, options["seconds"], idempotent=options["idempotent"]
            )
            self.stdout.write(str(record.pk))
            return
        record = Task.objects.filter(pk=options["task_id"]).first()
        if record is None:
            raise CommandError(f"no task {options['task_id']}")
        state = {
            "id": record.pk,
            "status": record.status,
            "worker": record.worker,
            "attempts": record.attempts,
            "max_attempts": record.max_attempts,
            "message": record.message,
            "worker_lost": bool(record.result.get("worker_lost"))
            if isinstance(record.result, dict)
            else False,
        }
        self.stdout.write(json.dumps(state, ensure_ascii=False))
