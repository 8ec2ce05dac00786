"""List pages cost the same number of queries for one row and for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.enterprises import actions

from .builders import D, enterprise

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add(tree, users, n: int) -> None:
    for i in range(n):
        firm = enterprise(tree.CT, name=f"Công ty TNHH Số {i}")
        actions.record_survey(firm, by=None, visited_on=D(2017, 2, 1), officers="A", attitude="undecided")
        actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, enterprise=firm,
                               started_on=D(2017, 1, 10))  # fmt: skip
        actions.record_inspection(by=None, upper_unit=tree.CT, subject_enterprise=firm, kind="inspection",
                                  held_on=D(2017, 3, 1), topics="Pháp luật lao động", team="Đoàn",
                                  recommendations=[{"content": f"Kiến nghị {i}", "responsible": "Giám đốc",
                                                    "deadline": D(2017, 6, 1)}])  # fmt: skip


@pytest.mark.parametrize(
    "url",
    ["supervision:inspection-list", "supervision:overdue-list", "areas:assignment-list", "enterprises:pipeline",
     "officer"],
)  # fmt: skip
def test_list_pages_cost_the_same_for_one_and_many_rows(tree, users, client, url):
    client.force_login(users.district_leader)
    address = (reverse("areas:officer-detail", args=[users.district_leader.pk]) if url == "officer"
               else reverse(url) + (f"?unit={tree.CT.pk}" if url in ("enterprises:pipeline", "areas:assignment-list")
                                    else ""))  # fmt: skip
    _add(tree, users, 1)
    one = _queries(client, address)
    _add(tree, users, 12)
    assert _queries(client, address) == one
