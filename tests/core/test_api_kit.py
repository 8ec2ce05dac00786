"""thidua.core.api: the kit every app's api.py is written on — the caller, ids, search text, pages and the standard
Vietnamese errors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from ninja.errors import HttpError

from thidua.core.api import ERRORS, Page, PageFilters, caller, page, responses, vietnamese
from thidua.orgs.api import PersonPage, UnitPage
from thidua.orgs.models import Unit
from thidua.plans.api import PlanPage
from thidua.registrations.api.initiatives import InitiativePage
from thidua.registrations.api.works import TopicPage, WorkPage


def test_the_caller_is_the_authenticated_user(users):
    request = RequestFactory().get("/api/v1/units/")
    request.auth = users.grassroots_officer
    assert caller(request) == users.grassroots_officer
    request.auth = AnonymousUser()
    with pytest.raises(HttpError) as refused:
        caller(request)
    assert refused.value.status_code == 401


def test_page_counts_and_builds_the_rows_in_two_queries(tree):
    with CaptureQueriesContext(connection) as queries:
        answer = page(Unit.objects.order_by("path"), PageFilters(limit=2, offset=1), lambda u: u.code)
    assert answer == {"count": Unit.objects.count(), "items": ["BT", "CT"]}
    assert len(queries) == 2


def test_every_list_of_every_app_is_a_page():
    for schema in (UnitPage, PersonPage, PlanPage, TopicPage, WorkPage, InitiativePage):
        assert issubclass(schema, Page) and set(schema.model_fields) == {"count", "items"}


def test_responses_document_the_standard_errors():
    assert responses(Page) == {200: Page, **ERRORS} and set(ERRORS) == {401, 404, 422}


def test_a_validators_own_message_is_kept_and_others_are_translated():
    assert (
        vietnamese({"type": "value_error", "loc": ("query", "q"), "ctx": {"error": "Sai."}})["msg"] == "Sai."
    )
    assert vietnamese({"type": "enum", "loc": ("query", "level"), "ctx": {"expected": "'a' or 'b'"}}) == {
        "loc": ["query", "level"], "msg": "“level” phải là một trong các giá trị: 'a', 'b'.", "type": "enum",
    }  # fmt: skip


def test_every_route_reads_the_caller_through_the_kit():
    """One way to know who calls: ``caller(request)`` (the kit raises 401 when nobody is there), never
    ``request.auth`` read by hand in an app's routes."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "thidua"
    offenders = [
        str(path.relative_to(root))
        for path in sorted(root.rglob("*.py"))
        if "request.auth" in path.read_text(encoding="utf-8")
        and path.relative_to(root).parts[0] != "api"
        and path != root / "core" / "api.py"
    ]
    assert offenders == []
