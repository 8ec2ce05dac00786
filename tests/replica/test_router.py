"""Reads that may lag go to the replica; writes and the reads after them to the primary; the replica down, the
primary (issue 16). Run by `make test-replica` against its own primary and streaming replica."""

import time

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import build_standard_tree
from tests.reports.builders import form_for, report
from tests.reports.conftest import ensure_indicators
from thidua.core import db_router
from thidua.orgs.models import Unit
from thidua.reports import actions
from thidua.reports.models import ExpectedReport
from thidua.reports.models import ExpectedReportStatus as S

# Not transactional: the world below is committed once (the replica must see it); what a test writes stays in its
# transaction on the primary, and nothing flushes the tables between tests.
pytestmark = [
    pytest.mark.django_db(databases="__all__"),
    pytest.mark.skipif("replica" not in connections.databases, reason="make test-replica runs these"),
]


def caught_up() -> None:
    """Wait until the replica has replayed everything the primary wrote so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    for _ in range(200):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up in 10 s")


def domain_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"reports_' in q["sql"] or '"orgs_' in q["sql"]]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A report form of LĐLĐ Bến Tre with the report of CĐCS May Việt Tiến submitted: committed on the primary and
    replayed by the replica."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        db_router.mark_replica_up()
        if not Unit.objects.filter(code="TLD").exists():
            build_standard_tree()
        ensure_indicators()
        users = {u.username: u for u in get_user_model().objects.all()}
        tree = {u.code: u for u in Unit.objects.all()}
        form = form_for(tree["BT"])
        may = report(form, tree["MAY"])
        actions.save_values(may, by=None, entries={"TC01": {"value": 10}, "TC02": {"value": 8}})
        actions.submit_report(may, by=None)
        caught_up()
    return {"users": users, "tree": tree, "form": form, "may": may}


def test_the_replica_is_a_read_only_copy(world):
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    assert Unit.objects.using("replica").filter(code="MAY").exists()


def test_a_rollup_reads_from_the_replica(world, client):
    client.force_login(world["users"]["province_leader"])
    url = reverse("report_rollup:rollup", args=[world["form"].pk])
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(url)
    assert response.status_code == 200
    assert domain_queries(on_replica), "the roll-up read nothing from the replica"
    assert domain_queries(on_primary) == []


def test_an_approval_goes_to_the_primary_and_the_next_page_reads_there_too(world, client):
    client.force_login(world["users"]["province_leader"])
    may = world["may"]
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.post(reverse("reports:report-approve", args=[may.pk]))
    assert response.status_code == 302
    assert on_replica.captured_queries == []
    assert any(q["sql"].startswith("UPDATE") and '"reports_' in q["sql"] for q in on_primary.captured_queries)
    assert ExpectedReport.objects.using("default").get(pk=may.pk).status == S.APPROVED
    assert db_router.WROTE_COOKIE in response.cookies
    # The roll-up right after the approval shows it: read from the primary (the cookie), not the replica.
    with CaptureQueriesContext(connections["replica"]) as after:
        assert client.get(reverse("report_rollup:rollup", args=[world["form"].pk])).status_code == 200
    assert domain_queries(after) == []


def test_a_page_of_ordinary_reads_stays_on_the_primary(world, client):
    client.force_login(world["users"]["province_leader"])
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get(reverse("reports:report-detail", args=[world["may"].pk])).status_code == 200
    assert on_replica.captured_queries == []


def test_the_rollup_still_works_with_the_replica_down(world, client, replica_control):
    client.force_login(world["users"]["province_leader"])
    url = reverse("report_rollup:rollup", args=[world["form"].pk])
    connections["replica"].close()
    replica_control("stop")
    try:
        with CaptureQueriesContext(connections["default"]) as on_primary:
            response = client.get(url)
        assert response.status_code == 200
        assert domain_queries(on_primary), "the roll-up did not fall back to the primary"
    finally:
        replica_control("start")
        db_router.mark_replica_up()
