"""Schemathesis over the whole API: generated calls (valid and invalid parameters) as a province officer never get a
server error nor a status the OpenAPI schema does not document, and every answer matches its documented schema.

Bounded and repeatable: six examples per route (the suite runs twice in CI within its time budget; fifteen took
4-7 minutes of a run), derandomised, no network (the WSGI application is called in process, on the test
database)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from thidua.api import actions

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def token(users):
    _, secret = actions.create_api_token(
        users.province_officer, by=users.province_officer, name="schemathesis"
    )
    return secret


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """The WSGI handler closes the database connection around each request; Django's test client disconnects that
    (the connection holds the test's transaction) and so does this test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_api_answers_every_generated_call_as_documented(case, token):
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
    assert response.status_code < 500
