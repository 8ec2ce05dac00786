"""When the database is busy: run the view again if nothing was written, else a friendly 503."""

import json

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from thidua.core.middleware import DatabaseBusyMiddleware
from thidua.orgs.models import Unit

MESSAGE = "Hệ thống đang bận, vui lòng thử lại sau ít phút. Dữ liệu bạn gửi chưa được ghi."


@pytest.fixture
def middleware(monkeypatch):
    monkeypatch.setattr(DatabaseBusyMiddleware, "PAUSE", 0)
    return DatabaseBusyMiddleware(lambda request: None)


def busy_view(failures: int, calls: list):
    def view(request, pk):
        calls.append(pk)
        if len(calls) <= failures:
            raise OperationalError("database is locked")
        from django.http import HttpResponse

        return HttpResponse("ghi xong")

    return view


def test_a_view_that_met_a_locked_database_before_writing_is_run_again(middleware):
    calls = []
    request = RequestFactory().post("/ke-hoach/soan-moi/")
    response = middleware.process_view(request, busy_view(2, calls), (), {"pk": 7})
    assert (response.status_code, response.content.decode(), calls) == (200, "ghi xong", [7, 7, 7])


def test_a_database_still_busy_after_the_retries_answers_503_in_vietnamese(middleware, rf, db, users):
    calls = []
    request = rf.post("/ke-hoach/soan-moi/")
    request.user = users.province_officer
    response = middleware.process_view(request, busy_view(99, calls), (), {"pk": 1})
    assert (response.status_code, response["Retry-After"], len(calls)) == (503, "5", 4)
    assert MESSAGE in response.content.decode()
    assert "Hệ thống đang bận</h1>" in response.content.decode()


def test_the_api_gets_the_busy_message_as_json(middleware):
    request = RequestFactory().post("/api/v1/units/")
    response = middleware.process_view(request, busy_view(99, []), (), {"pk": 1})
    assert (response.status_code, json.loads(response.content)) == (503, {"detail": MESSAGE})


def test_a_view_that_already_wrote_is_not_run_twice(middleware, tree):
    calls = []

    def view(request):
        calls.append(1)
        Unit.objects.filter(pk=tree.MAY.pk).update(short_name="Đã ghi")
        raise OperationalError("database is locked")

    response = middleware.process_view(RequestFactory().post("/don-vi/"), view, (), {})
    assert (response.status_code, calls) == (503, [1])


def test_other_database_errors_are_not_hidden(middleware):
    def view(request):
        raise OperationalError("no such table: orgs_unit")

    with pytest.raises(OperationalError, match="no such table"):
        middleware.process_view(RequestFactory().get("/"), view, (), {})


def test_a_request_through_the_whole_stack_is_retried(client_for, users, monkeypatch):
    """The middleware is installed: a page whose first run meets a locked database is still served."""
    monkeypatch.setattr(DatabaseBusyMiddleware, "PAUSE", 0)
    locked = []

    def locked_once(execute, sql, params, many, context):
        if "notices_notice" in sql and not locked:
            locked.append(sql)
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    client = client_for(users.province_officer)
    with connection.execute_wrapper(locked_once):
        response = client.get("/thong-bao/")
    assert (response.status_code, len(locked)) == (200, 1)
