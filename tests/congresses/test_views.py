"""Pages of congresses: the progress by upper-level union (counts, query counts), the list of grassroots unions
with their progress (filters, .xlsx), one congress with its works (a panel of registrations), the forms; 404 for
outsiders."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.congresses import actions
from thidua.congresses.models import Congress
from thidua.orgs import actions as org_actions

from .builders import scheduled

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def term(tree):
    """MAY held on schedule, THPT held late, DUA overdue, GIAY (Trà Vinh) held on schedule."""
    may = scheduled(tree.MAY, D(2017, 5, 10))
    actions.record_congress_held(may, by=None, held_on=D(2017, 5, 10), delegates=85, committee_size=9)
    thpt = scheduled(tree.THPT, D(2017, 4, 1))
    actions.record_congress_held(thpt, by=None, held_on=D(2017, 6, 1), delegates=40, committee_size=7)
    scheduled(tree.DUA, D(2017, 6, 15))
    giay = scheduled(tree.GIAY, D(2017, 5, 1))
    actions.record_congress_held(giay, by=None, held_on=D(2017, 5, 1), delegates=60, committee_size=7)
    return {"may": may, "thpt": thpt}


def test_progress_counts_each_upper_level_union(client_for, tree, users, term):
    response = client_for(users.province_officer).get(reverse("congresses:progress"), {"term": 2017})
    rows = [(r.unit.code, r.total, r.counts["on_time"], r.counts["late"], r.counts["overdue"],
             r.counts["not_scheduled"], r.on_time_percent) for r in response.context["rows"]]  # fmt: skip
    assert rows == [("CT", 2, 1, 1, 0, 0, 50), ("TPBT", 1, 0, 0, 1, 0, 0)]
    assert response.context["total"].total == 3
    assert "1/3 công đoàn cơ sở" not in response.content.decode()
    assert (
        "2/3 công đoàn cơ sở đã tổ chức Đại hội; 33% kịp tiến độ theo kế hoạch." in response.content.decode()
    )


def test_a_union_without_a_congress_is_not_scheduled(client_for, tree, users, term):
    org_actions.create_unit(tree.TPBT, by=None, code="NEW", name="Công đoàn cơ sở Mới", level="grassroots",
                            sector="private", founded_on=D(2016, 1, 1))  # fmt: skip
    org_actions.create_unit(tree.TPBT, by=None, code="LATER", name="Công đoàn cơ sở Lập sau", level="grassroots",
                            sector="private", founded_on=D(2019, 1, 1))  # fmt: skip
    response = client_for(users.province_officer).get(reverse("congresses:progress"), {"term": 2017})
    tpbt = next(r for r in response.context["rows"] if r.unit.code == "TPBT")
    assert (tpbt.total, tpbt.counts["not_scheduled"], tpbt.counts["overdue"]) == (2, 1, 1)


def test_progress_costs_the_same_queries_for_few_and_many_units(client_for, tree, users, term):
    client = client_for(users.province_officer)
    url = reverse("congresses:progress")
    client.get(url, {"term": 2017})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"term": 2017})
    for i in range(8):
        unit = org_actions.create_unit(tree.TPBT if i % 2 else tree.CT, by=None, code=f"G{i}", level="grassroots",
                                       name=f"Công đoàn cơ sở Số {i}", sector="private", founded_on=D(2015, 1, 1))  # fmt: skip
        if i % 3:
            scheduled(unit, D(2017, 7, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"term": 2017})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_unit_list_filters_by_progress_and_exports(client_for, tree, users, term):
    client = client_for(users.province_officer)
    url = reverse("congresses:unit-list")
    assert [u.code for u in client.get(url, {"term": 2017, "progress": "late"}).context["units"]] == ["THPT"]
    assert [u.code for u in client.get(url, {"term": 2017, "unit": tree.TPBT.pk}).context["units"]] == ["DUA"]
    response = client.get(reverse("congresses:unit-export"), {"term": 2017})
    rows = [tuple(r) for r in load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
            .iter_rows(values_only=True)]  # fmt: skip
    body = rows[rows.index(next(r for r in rows if r[0] == "STT")) + 1 :]
    assert [(r[2], r[5], r[7]) for r in body] == [("MAY", 85, "Đã tổ chức, kịp tiến độ"),
                                                  ("THPT", 40, "Đã tổ chức, chậm so với kế hoạch"),
                                                  ("DUA", None, "Quá ngày dự kiến, chưa tổ chức")]  # fmt: skip


def test_unit_list_costs_the_same_queries_for_one_row_and_many(client_for, tree, users, term):
    client = client_for(users.district_leader)
    url = reverse("congresses:unit-list")
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"term": 2017})
    for i in range(6):
        unit = org_actions.create_unit(tree.CT, by=None, code=f"H{i}", level="grassroots",
                                       name=f"Công đoàn cơ sở Hàng {i}", sector="private", founded_on=D(2015, 1, 1))  # fmt: skip
        scheduled(unit, D(2017, 7, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"term": 2017})
    assert len(response.context["units"]) == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_congress_page_shows_its_facts_and_the_works_dedicated_to_it(client_for, tree, users, term):
    from thidua.registrations.actions import register_congress_work

    work = register_congress_work(tree.MAY, by=None, name="Nhà văn hóa công nhân May Việt Tiến", kind="construction",
                                  value_vnd=300_000_000, congress_name="Đại hội CĐCS May Việt Tiến",
                                  congress_term="2017 – 2022", planned_on=D(2017, 5, 1),
                                  congress_record=term["may"])  # fmt: skip
    page = client_for(users.district_leader).get(term["may"].get_absolute_url()).content.decode()
    assert "Đã tổ chức, kịp tiến độ" in page and "85" in page
    assert 'data-testid="congress-works"' in page and work.name in page


def test_schedule_form_sets_the_date_through_the_level_above(client_for, tree, users):
    client = client_for(users.district_leader)
    url = reverse("congresses:congress-schedule") + f"?unit={tree.MAY.pk}&term=2022"
    response = client.post(url, {"term_start": 2022, "term_end": 2027, "planned_on": "15/04/2022"})
    assert response.status_code == 302
    congress = Congress.objects.get()
    assert (congress.term, congress.scheduled_by_id, congress.planned_on) == (
        "2022–2027",
        tree.CT.pk,
        D(2022, 4, 15),
    )
    assert client_for(users.grassroots_officer).get(url).status_code == 403


def test_hold_form_records_the_result(client_for, tree, users):
    congress = scheduled(tree.MAY, D(2017, 5, 10))
    response = client_for(users.grassroots_officer).post(reverse("congresses:congress-hold", args=[congress.pk]),
                                                          {"held_on": "12/05/2017", "delegates": "90",
                                                           "committee_size": "11"})  # fmt: skip
    assert response.status_code == 302
    congress.refresh_from_db()
    assert (congress.held_on, congress.delegates, congress.committee_size) == (D(2017, 5, 12), 90, 11)


@pytest.mark.parametrize(
    "name", ["congresses:congress-detail", "congresses:congress-hold", "congresses:congress-cancel"]
)
def test_outsider_gets_404(client_for, tree, users, name):
    congress = scheduled(tree.MAY, D(2017, 5, 10))
    assert client_for(users.outsider).get(reverse(name, args=[congress.pk])).status_code == 404
    assert (
        client_for(users.outsider)
        .get(reverse("congresses:congress-schedule") + f"?unit={tree.MAY.pk}")
        .status_code
        == 404
    )


def test_unit_page_shows_its_congresses(client_for, tree, users, term):
    page = (
        client_for(users.district_leader)
        .get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
        .content.decode()
    )
    assert 'data-testid="unit-congresses"' in page and "Nhiệm kỳ 2017–2022" in page


def test_api_lists_units_and_progress(client_for, tree, users, term):
    client = client_for(users.province_officer)
    data = client.get("/api/v1/congresses/?term=2017").json()
    assert [(i["unit"]["code"], i["progress"]) for i in data["items"]] == [
        ("MAY", "on_time"),
        ("THPT", "late"),
        ("DUA", "overdue"),
    ]
    rows = client.get("/api/v1/congresses/progress/?term=2017").json()["rows"]
    assert [(r["unit"]["code"], r["on_time"], r["late"], r["overdue"]) for r in rows] == [
        ("CT", 1, 1, 0),
        ("TPBT", 0, 0, 1),
    ]
    assert client.get(f"/api/v1/congresses/?term=2017&unit={tree.GIAY.pk}").status_code == 404
