"""Activities: recorded through the action (checks, audit), tied to a movement and a phase of a plan the unit
reads; writes by relation; the list (scope, filters, totals, query counts, .xlsx), the detail with photos, the form,
the API, the unit panel; 404 for outsiders."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.activities import actions
from thidua.activities.models import Activity
from thidua.core.audit import history_of
from thidua.plans.actions import issue_plan

from ..plans.builders import draft_plan
from ..union_fund.builders import officer_of

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    """The province's 2017 plan, issued: its movements and phases are what activities belong to."""
    return issue_plan(draft_plan(tree.BT, by=None), by=None, date=D(2017, 2, 22))


def activity(unit, *, by=None, title="Hội thi thợ giỏi ngành may", start=None, end=None, people=120,
             women=80, kind="skills_contest", **values):  # fmt: skip
    start = start or D(2017, 6, 10)
    return actions.record_activity(unit, by=by, kind=kind, title=title, start_on=start, end_on=end or start,
                                   participants=people, women=women, **values)  # fmt: skip


def test_activity_belongs_to_a_movement_and_a_phase_of_the_plan(tree, users, plan):
    phase, movement = plan.phases.order_by("order").first(), plan.movements.order_by("order").first()
    # the district federation received the province's plan: it records the activity of its grassroots union
    found = activity(tree.MAY, by=users.district_leader, start=phase.start, phase=phase, movement=movement)
    assert (found.plan_id, found.phase_id, found.movement_id) == (plan.pk, phase.pk, movement.pk)
    assert [e.action for e in history_of(found)] == ["create"]


@pytest.mark.parametrize(("values", "field"), [
    ({"women": 200}, "women"), ({"title": " "}, "title"), ({"end": D(2017, 1, 1)}, "end_on"), ({"kind": "x"}, "kind"),
])  # fmt: skip
def test_bad_activity_names_the_field(tree, values, field):
    with pytest.raises(ValidationError) as error:
        activity(tree.MAY, **values)
    assert list(error.value.message_dict) == [field]
    assert not Activity.objects.exists()


def test_activity_outside_its_phase_is_refused(tree, plan):
    phase = plan.phases.order_by("order").first()
    with pytest.raises(ValidationError) as error:
        activity(tree.MAY, start=phase.end + datetime.timedelta(days=10), phase=phase)
    assert list(error.value.message_dict) == ["phase"]


def test_a_plan_the_unit_does_not_read_is_refused(tree, users):
    other = issue_plan(draft_plan(tree.TV, by=None), by=None, date=D(2017, 2, 22))
    with pytest.raises(ValidationError) as error:
        activity(tree.MAY, by=users.grassroots_officer, phase=other.phases.first())
    assert list(error.value.message_dict) == ["phase"]


RELATIONS = [
    ("own unit", "grassroots_officer", True), ("parent", "district_leader", True),
    ("ancestor", "province_officer", True), ("ancestor without the permission", "council_member", False),
    ("sibling", "thpt_officer", False), ("outsider", "outsider", False),
]  # fmt: skip


@pytest.mark.parametrize(("relation", "username", "allowed"), RELATIONS)
def test_writes_follow_the_relation_to_the_unit(tree, users, relation, username, allowed):
    officer_of(tree.THPT, "thpt_officer")
    user = get_user_model().objects.get(username=username)
    existing = activity(tree.MAY)
    attempts = [lambda: activity(tree.MAY, by=user),
                lambda: actions.update_activity(existing, by=user, participants=150),
                lambda: actions.archive_activity(existing, by=user, reason="Ghi trùng")]  # fmt: skip
    for attempt in attempts:
        if allowed:
            attempt()
        else:
            with pytest.raises(PermissionDenied):
                attempt()


def test_a_child_unit_does_not_record_for_its_parent(tree, users):
    with pytest.raises(PermissionDenied):
        activity(tree.CT, by=users.grassroots_officer)


def test_list_shows_the_subtree_with_totals_and_filters(client_for, tree, users):
    activity(tree.MAY, people=100, women=60)
    activity(tree.DUA, title="Giải bóng đá công nhân", kind="culture_sports", people=50, women=10)
    activity(tree.GIAY, title="Hội thi Giày Trà Vinh")
    client = client_for(users.province_officer)
    response = client.get(reverse("activities:activity-list"))
    assert [a.unit.code for a in response.context["activities"]] == ["DUA", "MAY"]  # latest first
    assert response.context["totals"] == {"count": 2, "participants": 150, "women": 70}
    assert "Giày Trà Vinh" not in response.content.decode()
    filtered = client.get(reverse("activities:activity-list"), {"kind": "culture_sports", "q": "bong da"})
    assert [a.title for a in filtered.context["activities"]] == ["Giải bóng đá công nhân"]


def test_list_costs_the_same_queries_for_one_row_and_many(client_for, tree, users, plan):
    client = client_for(users.province_officer)
    url = reverse("activities:activity-list")
    activity(tree.MAY)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    phase = plan.phases.order_by("order").first()
    for i in range(10):
        activity(tree.DUA if i % 2 else tree.THPT, title=f"Hoạt động {i}", start=phase.start, phase=phase)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["activities"]) == 11
    assert len(many.captured_queries) == len(one.captured_queries)


def test_export_lists_the_activities(client_for, tree, users):
    activity(tree.MAY, people=100, women=60)
    response = client_for(users.district_leader).get(reverse("activities:activity-export"))
    rows = [tuple(r) for r in load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
            .iter_rows(values_only=True)]  # fmt: skip
    body = rows[rows.index(next(r for r in rows if r[0] == "STT")) + 1 :]
    assert [(r[1], r[3], r[7], r[8]) for r in body] == [
        ("Hội thi thợ giỏi ngành may", tree.MAY.name, 100, 60)
    ]


def test_form_records_through_the_action(client_for, tree, users, plan):
    phase = plan.phases.order_by("order").first()
    response = client_for(users.district_leader).post(reverse("activities:activity-create"), {
        "unit": tree.MAY.pk, "kind": "workers_month", "title": "Tháng Công nhân 2017", "start_on": "02/05/2017",
        "end_on": "31/05/2017", "participants": "300", "women": "180", "phase": phase.pk})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    found = Activity.objects.get()
    assert (found.kind, found.participants, found.women, found.phase_id) == (
        "workers_month",
        300,
        180,
        phase.pk,
    )


@pytest.mark.parametrize("name", ["activities:activity-detail", "activities:activity-update",
                                  "activities:activity-archive"])  # fmt: skip
def test_outsider_gets_404(client_for, tree, users, name):
    found = activity(tree.MAY)
    assert client_for(users.outsider).get(reverse(name, args=[found.pk])).status_code == 404


def test_detail_shows_the_activity_and_its_photos_block(client_for, tree, users):
    found = activity(tree.MAY)
    page = client_for(users.grassroots_officer).get(found.get_absolute_url()).content.decode()
    assert found.title in page and 'data-testid="participants"' in page
    assert "attachment" in page


def test_api_lists_activities_with_totals(client_for, tree, users):
    activity(tree.MAY, people=100, women=60)
    activity(tree.GIAY)
    data = client_for(users.province_officer).get("/api/v1/activities/").json()
    assert (data["count"], data["participants"], data["women"]) == (1, 100, 60)
    assert (
        client_for(users.province_officer).get(f"/api/v1/activities/?unit={tree.GIAY.pk}").status_code == 404
    )


def test_unit_page_shows_the_activities_panel(client_for, tree, users):
    activity(tree.MAY)
    page = (
        client_for(users.grassroots_officer)
        .get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
        .content.decode()
    )
    assert 'data-testid="unit-activities"' in page and "Hội thi thợ giỏi ngành may" in page
