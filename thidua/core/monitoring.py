"""What monitoring reads: ``/health/`` (is this process able to serve?) and ``/metrics`` (Prometheus).

``/health/`` runs four checks — the database, the task queue, the storages, the free disk — and answers 200 when all
pass, 503 otherwise, with a JSON body that names each check and its state (``ok`` / ``fail``) and nothing else: no
error text, no path, no version, no count. The reason of a failure goes to the log (``thidua.health``). No login: a
load balancer or a monitor calls it. The task queue fails when a task has waited longer than
``HEALTH_TASK_MAX_WAIT_SECONDS`` (no worker is taking work) or a running task's lease expired long ago (its worker died
and no worker is left to reap it).

``/metrics`` serves the Prometheus exposition of django-prometheus (requests, latency by view, responses by status,
exceptions, migrations not applied) and of the task queue (depth, age of the oldest waiting task, running and failed
tasks), read from the database at each scrape. It is answered only to an address of ``METRICS_ALLOWED_IPS`` that
reached the process directly (no ``X-Forwarded-For``: the reverse proxy adds one, so the public never passes through
the allowlist) or to a request carrying ``Authorization: Bearer <METRICS_TOKEN>``; anyone else gets 404.
With several gunicorn workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by the systemd unit) makes the figures those of all
workers.
"""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import logging
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Task

log = logging.getLogger("thidua.health")

OK = "ok"
FAIL = "fail"


# --- Health ---------------------------------------------------------------------------------------------------


def check_database() -> None:
    """The primary only: a replica that is down does not stop the service (reads fall back to the primary)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("the database answered oddly")


def check_task_queue() -> None:
    now = timezone.now()
    max_wait = datetime.timedelta(seconds=settings.HEALTH_TASK_MAX_WAIT_SECONDS)
    waiting = Task.objects.filter(status=Task.Status.PENDING, created_at__lt=now - max_wait).exists()
    if waiting:
        raise RuntimeError(f"a task has waited more than {max_wait}: no worker is taking work")
    # A lease expired for three reaping periods: no live worker is left to reap it.
    stale = datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS + 3 * settings.TASK_REAP_SECONDS)
    if Task.objects.filter(status=Task.Status.RUNNING, lease_until__lt=now - stale).exists():
        raise RuntimeError("a running task lost its worker and no worker reaped it")


def check_storage() -> None:
    """Write, read back and delete a small file in each storage the application writes to."""
    for alias in settings.HEALTH_STORAGES:
        storage = storages[alias]
        name = storage.save(f"health-check/{uuid.uuid4().hex}.txt", ContentFile(b"thidua"))
        try:
            with storage.open(name, "rb") as handle:
                if handle.read() != b"thidua":
                    raise RuntimeError(f"storage {alias} gave back other bytes")
        finally:
            storage.delete(name)


def _local_folders() -> list[Path]:
    folders = [Path(settings.VAR_DIR), Path(settings.IMPORT_UPLOAD_DIR)]
    for alias in settings.HEALTH_STORAGES:
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):  # a remote store (S3) has no local disk to watch
            folders.append(Path(storage.location))
    return folders


def check_disk() -> None:
    minimum = settings.HEALTH_DISK_MIN_MB * 1024 * 1024
    for folder in _local_folders():
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        free = shutil.disk_usage(existing).free
        if free < minimum:
            raise RuntimeError(f"{free // (1024 * 1024)} MB free under {folder}")


def check_cache() -> None:
    from django.core.cache import caches

    cache = caches["default"]
    key = f"thidua-health-{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "task_queue": check_task_queue,
    "storage": check_storage,
    "disk": check_disk,
}


def run_checks() -> dict[str, str]:
    checks = dict(CHECKS)
    if settings.HEALTH_CHECK_CACHE:
        checks["cache"] = check_cache
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure is a failed check; the log keeps the reason
            log.exception("health check %s failed", name)
            results[name] = FAIL
        else:
            results[name] = OK
    return results


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(state == OK for state in results.values())
    return JsonResponse(
        {"status": OK if healthy else FAIL, "checks": results}, status=200 if healthy else 503
    )


# --- Metrics --------------------------------------------------------------------------------------------------


def metrics_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False  # came through the reverse proxy: the client address is the proxy's
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False) for allowed in settings.METRICS_ALLOWED_IPS
    )


def queue_metrics(now: datetime.datetime | None = None) -> dict[str, float]:
    """The task queue's figures: how many tasks by state, how long the oldest waiting one has waited."""
    now = now or timezone.now()
    counts = {status: 0 for status in Task.Status.values}
    for row in Task.objects.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    oldest = (
        Task.objects.filter(status=Task.Status.PENDING)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    ).first()
    stale = Task.objects.filter(status=Task.Status.RUNNING, lease_until__lt=now).count()
    day_ago = now - datetime.timedelta(days=1)
    failed_day = Task.objects.filter(status=Task.Status.FAILED, finished_at__gte=day_ago).count()
    figures = {f"tasks_{status}": float(n) for status, n in counts.items()}
    figures["oldest_pending_age_seconds"] = (now - oldest).total_seconds() if oldest else 0.0
    figures["running_lease_expired"] = float(stale)
    figures["failed_last_day"] = float(failed_day)
    return figures


def _queue_exposition() -> bytes:
    from prometheus_client import CollectorRegistry, Gauge, generate_latest

    registry = CollectorRegistry()
    figures = queue_metrics()
    by_status = Gauge(
        "thidua_tasks", "Tasks by state (pending = the queue's depth).", ["status"], registry=registry
    )
    for status in Task.Status.values:
        by_status.labels(status=status).set(figures[f"tasks_{status}"])
    Gauge(
        "thidua_tasks_oldest_pending_age_seconds",
        "How long the oldest waiting task has waited.",
        registry=registry,
    ).set(figures["oldest_pending_age_seconds"])
    Gauge(
        "thidua_tasks_running_lease_expired",
        "Running tasks whose worker stopped renewing the lease (dead, or about to be reaped).",
        registry=registry,
    ).set(figures["running_lease_expired"])
    Gauge("thidua_tasks_failed_last_day", "Tasks that failed in the last 24 hours.", registry=registry).set(
        figures["failed_last_day"]
    )
    Gauge("thidua_metrics_scrape_timestamp_seconds", "When these figures were read.", registry=registry).set(
        time.time()
    )
    return generate_latest(registry)


def _process_exposition() -> bytes:
    import prometheus_client
    from prometheus_client import CollectorRegistry, generate_latest, multiprocess

    if settings.PROMETHEUS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(prometheus_client.REGISTRY)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        raise Http404
    from prometheus_client import CONTENT_TYPE_LATEST

    body = _process_exposition() + _queue_exposition()
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
