"""The batch schedule (issue 14): the level above picks its grassroots unions (previous term ending in a year, not
scheduled yet), spreads a date range over them or types each date, previews, confirms; all or nothing; scoped by
the relation to the scheduling unit."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.congresses import actions
from thidua.congresses.forms import spread_dates
from thidua.congresses.models import Congress
from thidua.orgs import actions as org_actions

from .builders import scheduled

D = datetime.date
pytestmark = pytest.mark.django_db
URL = reverse("congresses:congress-schedule-batch")
NEW_TERM = {"term_start": 2022, "term_end": 2027}


@pytest.fixture
def last_term(tree):
    """The 2017–2022 term: MAY and THPT (under CT) and DUA (under TPBT) held their congresses."""
    for unit in (tree.MAY, tree.THPT, tree.DUA):
        congress = scheduled(unit, D(2017, 5, 10))
        actions.record_congress_held(
            congress, by=None, held_on=D(2017, 5, 10), delegates=50, committee_size=7
        )


def codes(response) -> list[str]:
    return [u.code for u, _day, _chosen in response.context["rows"]]


def errors(response) -> list[str]:
    html = response.content.decode().split('data-testid="batch-errors"')[1].split("</ul>")[0]
    return re.findall(r"<li>(.*?)</li>", html)


def test_the_unions_below_are_listed_with_the_range_spread_over_them(client_for, tree, users, last_term):
    response = client_for(users.district_leader).get(URL, {**NEW_TERM, "ending": 2022, "date_from": "01/03/2022",
                                                           "date_to": "31/03/2022"})  # fmt: skip
    assert response.status_code == 200 and response.context["scheduler"] == tree.CT
    assert [(u.code, day, chosen) for u, day, chosen in response.context["rows"]] == [
        ("MAY", "01/03/2022", True), ("THPT", "31/03/2022", True)]  # fmt: skip


def test_only_unions_whose_previous_term_ends_in_the_year(client_for, tree, users, last_term):
    org_actions.create_unit(tree.CT, by=None, code="NEW", name="Công đoàn cơ sở Mới", level="grassroots",
                            sector="private", founded_on=D(2019, 1, 1))  # fmt: skip
    client = client_for(users.district_leader)
    assert codes(client.get(URL, NEW_TERM)) == ["MAY", "THPT", "NEW"]
    assert codes(client.get(URL, {**NEW_TERM, "ending": 2022})) == ["MAY", "THPT"]
    assert codes(client.get(URL, {**NEW_TERM, "ending": 2021})) == []


def test_pending_leaves_out_the_scheduled_and_held_ones_are_never_offered(client_for, tree, users, last_term):
    scheduled(tree.MAY, D(2022, 4, 2), term=(2022, 2027))
    held = scheduled(tree.THPT, D(2022, 4, 5), term=(2022, 2027))
    actions.record_congress_held(held, by=None, held_on=D(2022, 4, 5), delegates=30, committee_size=5)
    client = client_for(users.district_leader)
    response = client.get(URL, NEW_TERM)
    assert [(u.code, day) for u, day, _c in response.context["rows"]] == [("MAY", "02/04/2022")]
    assert response.context["closed"] == 1
    assert codes(client.get(URL, {**NEW_TERM, "pending": "on"})) == []


def test_preview_then_confirm_schedules_every_union_picked(client_for, tree, users, last_term):
    client = client_for(users.district_leader)
    query = "?term_start=2022&term_end=2027&ending=2022"
    post = {"pick": [tree.MAY.pk, tree.THPT.pk], f"date_{tree.MAY.pk}": "10/03/2022",
            f"date_{tree.THPT.pk}": "17/03/2022"}  # fmt: skip
    preview = client.post(URL + query, {**post, "step": "preview"})
    assert preview.status_code == 200 and preview.context["step"] == "confirm"
    assert [(u.code, day) for u, day in preview.context["picked"]] == [("MAY", D(2022, 3, 10)),
                                                                       ("THPT", D(2022, 3, 17))]  # fmt: skip
    assert preview.content.decode().count('data-testid="batch-preview-row"') == 2
    assert not Congress.objects.filter(term_start=2022).exists()
    done = client.post(URL + query, {**post, "step": "confirm"})
    assert done.status_code == 302
    assert done["Location"] == reverse("congresses:unit-list") + f"?term=2022&unit={tree.CT.pk}"
    rows = Congress.objects.filter(term_start=2022).order_by("unit__code")
    assert [(c.unit.code, c.term_end, c.planned_on, c.scheduled_by) for c in rows] == [
        ("MAY", 2027, D(2022, 3, 10), tree.CT), ("THPT", 2027, D(2022, 3, 17), tree.CT)]  # fmt: skip


def test_back_from_the_preview_keeps_what_was_typed(client_for, tree, users, last_term):
    client = client_for(users.district_leader)
    response = client.post(URL + "?term_start=2022&term_end=2027", {"pick": [tree.THPT.pk], "step": "back",
                                                                     f"date_{tree.THPT.pk}": "17/03/2022"})  # fmt: skip
    assert response.status_code == 200 and response.context["errors"] == []
    assert [(u.code, day, chosen) for u, day, chosen in response.context["rows"]] == [
        ("MAY", "", False), ("THPT", "17/03/2022", True)]  # fmt: skip


def test_errors_name_the_unit_and_nothing_is_scheduled(client_for, tree, users, last_term):
    client = client_for(users.district_leader)
    query = "?term_start=2022&term_end=2027"
    response = client.post(URL + query, {"pick": [tree.MAY.pk, tree.THPT.pk, tree.DUA.pk, "x1"], "step": "preview",
                                         f"date_{tree.MAY.pk}": "31/02/2022", f"date_{tree.THPT.pk}": ""})  # fmt: skip
    assert response.status_code == 400
    assert errors(response) == [
        "CĐCS May Việt Tiến: Ngày “31/02/2022” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017.",
        "CĐCS THPT Châu Thành A: chưa nhập ngày dự kiến.",
        f"Đơn vị mã số “{tree.DUA.pk}” không thuộc danh sách được xếp lịch (không ở dưới đơn vị xếp lịch, đã tổ "
        "chức Đại hội hoặc không có).",
        "Đơn vị mã số “x1” không thuộc danh sách được xếp lịch (không ở dưới đơn vị xếp lịch, đã tổ chức Đại hội "
        "hoặc không có).",
    ]
    # A date the action refuses (outside the term's first year ±1) names the unit; the other is not written either.
    response = client.post(URL + query, {"pick": [tree.MAY.pk, tree.THPT.pk], "step": "confirm",
                                         f"date_{tree.MAY.pk}": "10/03/2022", f"date_{tree.THPT.pk}": "10/03/2025"})  # fmt: skip
    assert errors(response) == [
        "CĐCS THPT Châu Thành A: Ngày dự kiến phải trong khoảng năm đầu nhiệm kỳ 2022 (±1 năm)."
    ]
    assert not Congress.objects.filter(term_start=2022).exists()
    assert errors(client.post(URL + query, {"step": "preview"})) == [
        "Chưa chọn công đoàn cơ sở nào để xếp lịch."
    ]


def test_invalid_filters_are_named(client_for, users):
    response = client_for(users.district_leader).get(URL, {"term_start": 2022, "term_end": 2020,
                                                           "date_from": "01/03/2022", "date_to": "01/02/2022"})  # fmt: skip
    assert response.status_code == 400
    form = response.context["filters"]
    assert form.errors == {"term_end": ["Năm kết thúc nhiệm kỳ phải sau năm bắt đầu."],
                           "date_to": ["“Đến ngày” phải từ “Tổ chức từ ngày” trở đi."]}  # fmt: skip


@pytest.mark.parametrize("user, unit, status", [
    ("district_leader", "CT", 200),  # own unit
    ("province_officer", "CT", 200),  # parent: schedules in the district's name
    ("province_officer", "BT", 200),  # own unit, its grandchildren listed
    ("district_leader", "TPBT", 404),  # sibling
    ("district_leader", "BT", 404),  # parent of one's own unit: read-only at most
    ("grassroots_officer", "CT", 404),  # child looking up
    ("council_member", "BT", 403),  # reads the unit but does not schedule
    ("outsider", "CT", 404),  # another branch
    ("outsider", "zz", 404),
])  # fmt: skip
def test_scheduling_is_scoped_by_the_relation_to_the_unit(
    client_for, tree, users, last_term, user, unit, status
):
    target = getattr(tree, unit).pk if unit != "zz" else "zz"
    client = client_for(getattr(users, user))
    assert client.get(URL, {"unit": target, **NEW_TERM}).status_code == status
    if status != 200:
        post = {"pick": [tree.MAY.pk], f"date_{tree.MAY.pk}": "10/03/2022", "step": "confirm"}
        assert client.post(f"{URL}?unit={target}&term_start=2022&term_end=2027", post).status_code == status
        assert not Congress.objects.filter(term_start=2022).exists()


def test_a_province_officer_sees_every_union_below(client_for, tree, users, last_term):
    response = client_for(users.province_officer).get(URL, {"unit": tree.BT.pk, **NEW_TERM})
    assert codes(response) == ["MAY", "THPT", "DUA"]


def test_the_default_scheduler_is_the_users_own_unit_and_the_progress_page_links_it(client_for, tree, users):
    client = client_for(users.district_leader)
    assert client.get(URL, NEW_TERM).context["scheduler"] == tree.CT
    assert (
        f'xep-lich-hang-loat/?unit={tree.CT.pk}"'
        in client.get(reverse("congresses:progress")).content.decode()
    )
    assert client_for(users.grassroots_officer).get(URL).status_code == 403
    assert (
        'data-testid="schedule-batch"'
        not in client_for(users.grassroots_officer).get(reverse("congresses:progress")).content.decode()
    )


def test_the_list_costs_the_same_queries_for_few_and_many_units(client_for, tree, users, last_term):
    client = client_for(users.district_leader)
    params = {**NEW_TERM, "date_from": "01/03/2022", "date_to": "31/03/2022"}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    for i in range(8):
        org_actions.create_unit(tree.CT, by=None, code=f"G{i}", level="grassroots", name=f"Công đoàn cơ sở Số {i}",
                                sector="private", founded_on=D(2015, 1, 1))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, params)
    assert len(response.context["rows"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


def test_dates_are_spread_evenly_over_the_range():
    assert spread_dates(3, D(2022, 3, 1), D(2022, 3, 31)) == [D(2022, 3, 1), D(2022, 3, 16), D(2022, 3, 31)]
    assert spread_dates(2, D(2022, 3, 1), None) == [D(2022, 3, 1), D(2022, 3, 1)]
    assert spread_dates(1, D(2022, 3, 1), D(2022, 3, 31)) == [D(2022, 3, 1)]
    assert spread_dates(2, None, None) == [None, None]
