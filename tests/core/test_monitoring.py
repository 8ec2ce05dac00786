"""/health/ for monitors and load balancers, /metrics for Prometheus (issue 16)."""

import datetime

import pytest
from django.utils import timezone

from thidua.core import monitoring
from thidua.core.models import Task

ALL_OK = {"status": "ok", "checks": {"database": "ok", "task_queue": "ok", "storage": "ok", "disk": "ok"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def waiting_task(minutes: int) -> Task:
    task = Task.objects.create(kind="import", title="Nhập danh sách đoàn viên")
    Task.objects.filter(pk=task.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=minutes))
    return task


def test_health_answers_ok_without_login(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == ALL_OK
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_leaves_no_file_in_the_storages(client, db, settings):
    client.get("/health/")
    attachments = list(settings.ATTACHMENTS_DIR.rglob("*.*"))
    media = list((settings.MEDIA_ROOT).rglob("*.*"))
    assert attachments == [] and media == []


def test_health_fails_when_a_task_waits_for_a_worker_too_long(client, db, settings):
    settings.HEALTH_TASK_MAX_WAIT_SECONDS = 600
    waiting_task(minutes=11)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {**ALL_OK["checks"], "task_queue": "fail"}}


def test_health_accepts_a_task_that_waited_a_little(client, db, settings):
    settings.HEALTH_TASK_MAX_WAIT_SECONDS = 600
    waiting_task(minutes=5)
    assert client.get("/health/").status_code == 200


def test_health_fails_when_a_dead_workers_task_is_never_reaped(client, db):
    task = Task.objects.create(
        kind="import", title="Nhập", status=Task.Status.RUNNING, worker="elsewhere:1:x"
    )
    Task.objects.filter(pk=task.pk).update(lease_until=timezone.now() - datetime.timedelta(hours=1))
    assert client.get("/health/").json()["checks"]["task_queue"] == "fail"


def test_health_fails_when_the_disk_is_short_and_names_no_path(client, db, settings):
    settings.HEALTH_DISK_MIN_MB = 10**12
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {**ALL_OK["checks"], "disk": "fail"}
    assert str(settings.VAR_DIR) not in response.content.decode()


def test_health_fails_when_a_storage_cannot_be_written_and_leaks_no_reason(client, db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": "/dev/null/thidua", "base_url": None},
        },
    }
    settings.HEALTH_DISK_MIN_MB = 0
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {**ALL_OK["checks"], "storage": "fail"}}
    assert "/dev/null" not in response.content.decode()


def test_health_refuses_writes(client, db):
    assert client.post("/health/").status_code == 405


# --- /metrics -------------------------------------------------------------------------------------------------


def test_metrics_are_served_to_a_local_scraper(client, db):
    waiting_task(minutes=3)
    client.get("/health/")
    response = client.get("/metrics")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'thidua_tasks{status="pending"} 1.0' in body
    assert 'thidua_tasks{status="failed"} 0.0' in body
    assert "django_http_requests_total_by_method_total" in body
    assert "django_http_requests_latency_seconds_by_view_method" in body


def test_metrics_through_the_proxy_are_hidden_without_the_token(client, db, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404


def test_metrics_from_another_address_are_hidden(client, db):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_metrics_open_to_the_token_from_anywhere(client, db, settings):
    settings.METRICS_TOKEN = "bi-mat-giam-sat"
    ok = client.get(
        "/metrics",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        HTTP_AUTHORIZATION="Bearer bi-mat-giam-sat",
    )
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer doan-bua")
    assert (ok.status_code, wrong.status_code) == (200, 404)


def test_metrics_allowlist_takes_networks(client, db, settings):
    settings.METRICS_ALLOWED_IPS = ["10.1.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_queue_metrics_give_depth_age_and_failures(db):
    now = timezone.now()
    waiting_task(minutes=7)
    waiting_task(minutes=2)
    failed = Task.objects.create(kind="import", title="Nhập", status=Task.Status.FAILED)
    Task.objects.filter(pk=failed.pk).update(finished_at=now - datetime.timedelta(hours=2))
    old = Task.objects.create(kind="import", title="Nhập", status=Task.Status.FAILED)
    Task.objects.filter(pk=old.pk).update(finished_at=now - datetime.timedelta(days=3))
    figures = monitoring.queue_metrics(now=now)
    assert figures["tasks_pending"] == 2
    assert figures["tasks_failed"] == 2
    assert figures["failed_last_day"] == 1
    assert 7 * 60 - 5 < figures["oldest_pending_age_seconds"] < 7 * 60 + 5
