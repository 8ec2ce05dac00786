"""Structured logs: one JSON line per request and per task, with the user id and unit, never personal data
(issue 16)."""

import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from thidua.core import logs, tasks
from thidua.core.models import Task

PERSONAL = ["Trần Trung Hào", "Tran Trung Hao", "083080000001", "0912345678", "hao.tran@example.vn"]


BUFFER = io.StringIO()


@pytest.fixture
def log_lines():
    """The JSON lines the production logging configuration writes while the test runs."""
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = "ext://tests.core.test_logs.BUFFER"
    config["loggers"]["thidua.requests"]["level"] = "INFO"
    BUFFER.seek(0)
    BUFFER.truncate()
    logging.config.dictConfig(config)

    def read() -> tuple[str, list[dict]]:
        text = BUFFER.getvalue()
        return text, [json.loads(line) for line in text.splitlines() if line.strip()]

    yield read
    logging.config.dictConfig(django_settings.LOGGING)


def only(lines: list[dict], event: str) -> dict:
    found = [line for line in lines if line.get("event") == event]
    assert len(found) == 1, found
    return found[0]


def test_request_line_names_user_and_unit_not_the_search(client_for, users, tree, people, log_lines):
    people.tran_hao.phone = "0912345678"
    people.tran_hao.save()
    response = client_for(users.grassroots_officer).get(
        reverse("orgs:person-list"), {"q": "Trần Trung Hào 083080000001"}
    )
    assert response.status_code == 200
    text, lines = log_lines()
    line = only(lines, "request")
    assert (line["logger"], line["level"], line["method"], line["status"]) == (
        "thidua.requests",
        "INFO",
        "GET",
        200,
    )
    assert line["path"] == "/don-vi/nguoi-lao-dong/"
    assert line["route"] == "don-vi/nguoi-lao-dong/"
    assert line["user_id"] == users.grassroots_officer.pk
    assert line["unit"] == [tree.MAY.path]
    assert line["duration_ms"] >= 0
    assert response["X-Request-ID"] == line["request_id"]
    for value in PERSONAL:
        assert value not in text


def test_a_person_page_logs_no_personal_data(client_for, users, people, log_lines):
    person = people.tran_hao
    response = client_for(users.grassroots_officer).get(reverse("orgs:person-detail", args=[person.pk]))
    assert response.status_code == 200
    text, lines = log_lines()
    assert only(lines, "request")["route"] == "don-vi/nguoi-lao-dong/<int:pk>/"
    for value in PERSONAL:
        assert value not in text


def test_anonymous_request_has_no_user(client, db, log_lines):
    client.get("/health/", HTTP_X_REQUEST_ID="proxy-req-12345678")
    _text, lines = log_lines()
    line = only(lines, "request")
    assert (line["user_id"], line["unit"], line["request_id"]) == (None, None, "proxy-req-12345678")


def carry(full_name: str, *, progress) -> dict:
    logging.getLogger("thidua.imports").warning("hàng 3: %s, CCCD %s", full_name, "083080000001")
    return {"ok": True}


def test_task_line_names_kind_status_and_user_never_its_arguments(users, log_lines):
    record = tasks.start_task(
        "import-people", "Nhập Trần Trung Hào", carry, "Trần Trung Hào", by=users.province_officer
    )
    assert Task.objects.get(pk=record.pk).status == Task.Status.DONE
    text, lines = log_lines()
    line = only(lines, "task")
    assert (line["logger"], line["kind"], line["status"], line["task_id"]) == (
        "thidua.tasks",
        "import-people",
        "done",
        record.pk,
    )
    assert line["user_id"] == users.province_officer.pk
    inner = [entry for entry in lines if entry["logger"] == "thidua.imports"]
    assert inner[0]["task_id"] == record.pk  # lines logged during the task carry its id
    assert "[id]" in inner[0]["message"]
    assert "083080000001" not in text
    assert "Nhập Trần" not in text  # the title is never logged


def test_task_line_of_a_worker_names_the_unit(users, tree, log_lines):
    record = Task.objects.create(kind="export", title="Xuất", created_by=users.district_leader, attempts=1)
    tasks._log_task(record, Task.Status.FAILED, worker="host:1:abc")
    _text, lines = log_lines()
    line = only(lines, "task")
    assert (line["level"], line["unit"], line["attempt"]) == ("WARNING", [tree.CT.path], 1)


def test_any_logger_is_redacted_and_drops_personal_fields(db, log_lines):
    other = logging.getLogger("django.request")
    other.error(
        "Không lưu được: CCCD %s, điện thoại %s, thư %s, cũ 123456789, +84 912 345 678",
        "083080000001",
        "0912345678",
        "hao.tran@example.vn",
        extra={"full_name": "Trần Trung Hào", "national_id": "083080000001", "phone": "0912345678"},
    )
    try:
        raise ValueError("duplicate key (national_id)=(083080000001) for hao.tran@example.vn")
    except ValueError:
        other.exception("lỗi khi ghi")
    text, lines = log_lines()
    assert len(lines) == 2
    assert lines[0]["message"] == (
        "Không lưu được: CCCD [id], điện thoại [phone], thư [email], cũ [id], [phone]"
    )
    for key in ("full_name", "national_id", "phone"):
        assert key not in lines[0]
    assert "(national_id)=([id])" in lines[1]["exc_info"]
    for value in PERSONAL:
        assert value not in text


def test_redact_keeps_ordinary_numbers():
    assert logs.redact("task 12 took 1733400000.5 s, 2026-12-05, 450000 VND") == (
        "task 12 took 1733400000.5 s, 2026-12-05, 450000 VND"
    )
