"""The path from survey to union (founding through orgs' action), officers per area with history, supervision with
overdue notices."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.enterprises import actions
from thidua.enterprises.models import AreaAssignment, Enterprise, Stage
from thidua.enterprises.queries import pipeline
from thidua.notices.models import Notice
from thidua.orgs.models import Unit, UnitEvent

from .builders import D, enterprise, sibling_user

pytestmark = pytest.mark.django_db


def test_the_path_from_survey_to_a_founded_union(tree, users):
    firm = enterprise(tree.CT, workforce=300)
    actions.record_survey(firm, by=users.district_leader, visited_on=D(2017, 2, 10), officers="Nguyễn Văn An",
                          attitude="reluctant", workforce=320, findings="Chưa có tổ chức công đoàn.")  # fmt: skip
    firm.refresh_from_db()
    assert (firm.stage, firm.workforce, firm.stage_since) == (Stage.SURVEYED, 320, D(2017, 2, 10))
    plan = actions.adopt_recruitment_plan(firm, by=users.district_leader, adopted_on=D(2017, 3, 1), target_members=50,
                                          target_on=D(2017, 9, 30))  # fmt: skip
    actions.record_progress(plan, by=users.district_leader, recorded_on=D(2017, 5, 1), recruited=30)
    actions.record_progress(plan, by=users.district_leader, recorded_on=D(2017, 8, 1), recruited=25)
    unit = actions.found_union(firm, by=users.district_leader, code="CDCS-DUA-LQ",
                               name="Công đoàn cơ sở Công ty TNHH Chế biến Dừa Lương Quới",
                               founded_on=D(2017, 9, 15), decision="215/QĐ-LĐLĐ ngày 15/9/2017")  # fmt: skip
    firm.refresh_from_db()
    assert (firm.stage, firm.union_unit) == (Stage.FOUNDED, unit)
    assert unit.path.startswith(tree.CT.path) and unit.level == "grassroots" and unit.sector == "private"
    assert UnitEvent.objects.get(unit=unit).decision == "215/QĐ-LĐLĐ ngày 15/9/2017"
    assert [(e.from_status, e.to_status, e.on) for e in firm.events.all()] == [
        ("not_surveyed", "not_surveyed", D(2017, 1, 5)), ("not_surveyed", "surveyed", D(2017, 2, 10)), ("surveyed", "mobilising", D(2017, 3, 1)),
        ("mobilising", "founded", D(2017, 9, 15)),
    ]  # fmt: skip
    data = pipeline(tree.CT, today=D(2017, 12, 31))
    rows = {r.stage: r for r in data.rows}
    assert rows["founded"].count == 1 and rows["not_surveyed"].durations == [36]
    assert rows["surveyed"].durations == [19] and rows["mobilising"].durations == [198]
    assert data.members_recruited == 55 and data.founded_by_year == [(2017, 1)]


def test_a_step_before_the_current_stage_began_is_refused(tree, users):
    firm = enterprise(tree.CT)
    with pytest.raises(ValidationError) as caught:
        actions.record_survey(firm, by=users.district_leader, visited_on=D(2016, 12, 1), officers="A",
                              attitude="undecided")  # fmt: skip
    assert caught.value.message_dict == {"visited_on": ["Ngày phải từ 05/01/2017 trở đi (ngày bắt đầu giai đoạn "
                                                        "“Chưa khảo sát”)."]}  # fmt: skip


@pytest.mark.parametrize("who", ["sibling", "grassroots_officer", "outsider", "council_member"])
def test_founding_is_refused_outside_the_upper_level_unions_managers(tree, users, django_user_model, who):
    firm = enterprise(tree.CT)
    actions.record_survey(firm, by=None, visited_on=D(2017, 2, 1), officers="A", attitude="supportive")
    user = sibling_user(tree, django_user_model) if who == "sibling" else getattr(users, who)
    before = Unit.objects.count()
    with pytest.raises(PermissionDenied):
        actions.found_union(firm, by=user, code="X1", name="Công đoàn cơ sở X", founded_on=D(2017, 3, 1),
                            decision="1/QĐ")  # fmt: skip
    assert Unit.objects.count() == before


def test_stalled_cases_are_those_without_a_step_for_n_days(tree, users, client):
    old = enterprise(tree.CT, name="Công ty Cũ")
    actions.record_survey(old, by=None, visited_on=D(2017, 2, 1), officers="A", attitude="undecided")
    recent = enterprise(tree.CT, name="Công ty Mới", today=timezone.localdate())
    data = pipeline(tree.CT, today=timezone.localdate(), stalled_days=60)
    assert [e.name for e in data.stalled] == ["Công ty Cũ"]
    client.force_login(users.district_leader)
    page = client.get(reverse("enterprises:pipeline") + f"?unit={tree.CT.pk}&days=30")
    assert [e.name for e in page.context["data"].stalled] == ["Công ty Cũ"]
    assert recent.stage == Stage.NOT_SURVEYED
    client.force_login(users.outsider)
    assert client.get(reverse("enterprises:pipeline") + f"?unit={tree.CT.pk}").status_code == 404


def test_pausing_needs_a_reason_and_resuming_reopens_the_case(tree, users, client):
    firm = enterprise(tree.CT)
    client.force_login(users.district_leader)
    url = reverse("enterprises:step", args=[firm.pk, "pause"])
    assert client.post(url, {"on": "01/03/2017"}).status_code == 400
    assert client.post(url, {"on": "01/03/2017", "reason": "Doanh nghiệp ngừng hoạt động"}).status_code == 302
    assert Enterprise.objects.get(pk=firm.pk).stage == Stage.PAUSED
    actions.resume_case(firm, by=users.district_leader, on=D(2017, 6, 1))
    assert Enterprise.objects.get(pk=firm.pk).stage == Stage.NOT_SURVEYED


def test_reassigning_an_officer_ends_the_open_assignment_and_keeps_history(tree, users, django_user_model):
    from thidua.orgs import actions as org_actions

    second = django_user_model.objects.create_user(
        "ct_officer", password="x", first_name="Bình", last_name="Lê"
    )
    org_actions.grant_role(second, tree.CT, "officer", by=None)
    first = actions.assign_officer(by=users.district_leader, upper_unit=tree.CT, officer=users.district_leader,
                                   unit=tree.MAY, started_on=D(2017, 1, 1))  # fmt: skip
    actions.assign_officer(by=users.district_leader, upper_unit=tree.CT, officer=second, unit=tree.MAY,
                           started_on=D(2017, 7, 1))  # fmt: skip
    rows = list(AreaAssignment.objects.filter(unit=tree.MAY).order_by("started_on"))
    assert [(a.officer.username, a.started_on, a.ended_on) for a in rows] == [
        ("district_leader", D(2017, 1, 1), D(2017, 7, 1)),
        ("ct_officer", D(2017, 7, 1), None),
    ]
    assert rows[0].pk == first.pk
    with pytest.raises(ValidationError):
        actions.assign_officer(by=users.district_leader, upper_unit=tree.CT, officer=users.outsider, unit=tree.MAY,
                               started_on=D(2017, 8, 1))  # fmt: skip


@pytest.mark.parametrize("who", ["sibling", "grassroots_officer", "outsider"])
def test_assigning_is_refused_outside_the_upper_level_unions_leaders(tree, users, django_user_model, who):
    user = sibling_user(tree, django_user_model, "leader") if who == "sibling" else getattr(users, who)
    with pytest.raises(PermissionDenied):
        actions.assign_officer(by=user, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                               started_on=D(2017, 1, 1))  # fmt: skip


def test_the_officer_page_lists_what_is_overdue_where_they_follow(tree, users, client):
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                           started_on=D(2017, 1, 1))  # fmt: skip
    actions.record_inspection(by=None, upper_unit=tree.CT, subject_unit=tree.MAY, kind="inspection",
                              held_on=D(2017, 5, 1), topics="Luật Công đoàn", team="Đoàn kiểm tra",
                              recommendations=[{"content": "Đóng kinh phí công đoàn đủ 2%",
                                                "responsible": "Giám đốc", "deadline": D(2017, 8, 1)}])  # fmt: skip
    client.force_login(users.province_officer)
    page = client.get(reverse("areas:officer-detail", args=[users.district_leader.pk]))
    assert page.status_code == 200
    [row] = page.context["dues"]
    assert [(d.kind, d.overdue) for d in row.items] == [("recommendation", True)]
    client.force_login(users.outsider)
    assert client.get(reverse("areas:officer-detail", args=[users.district_leader.pk])).status_code == 404


def test_overdue_recommendations_are_notified_once(tree, users):
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                           started_on=D(2017, 1, 1))  # fmt: skip
    inspection = actions.record_inspection(
        by=users.district_leader, upper_unit=tree.CT, subject_unit=tree.MAY, kind="joint", held_on=D(2017, 5, 1),
        topics="Pháp luật lao động", team="Đoàn liên ngành", state_bodies="Sở Lao động",
        recommendations=[{"content": "Ký lại thỏa ước lao động tập thể", "responsible": "Giám đốc",
                          "deadline": D(2017, 8, 1)},
                         {"content": "Trang bị bảo hộ lao động", "responsible": "Phòng nhân sự",
                          "deadline": timezone.localdate() + datetime.timedelta(days=30)}],
    )  # fmt: skip
    call_command("notify_overdue_recommendations", verbosity=0)
    call_command("notify_overdue_recommendations", verbosity=0)
    notices = Notice.objects.filter(kind="recommendation_overdue")
    assert sorted((n.unit_id or 0, n.user_id or 0) for n in notices) == sorted(
        [(tree.CT.pk, 0), (tree.MAY.pk, 0), (0, users.district_leader.pk)]
    )
    late = inspection.recommendations.get(content="Ký lại thỏa ước lao động tập thể")
    actions.record_follow_up(late, by=users.district_leader, recorded_on=D(2017, 9, 1), content="Đã ký lại.")
    actions.close_recommendation(late, by=users.district_leader, closed_on=D(2017, 9, 1))
    assert actions.notify_overdue_recommendations() == 0


@pytest.mark.parametrize(("who", "status"), [("district_leader", 200), ("grassroots_officer", 200), ("sibling", 404),
                                             ("outsider", 404)])  # fmt: skip
def test_the_inspected_union_reads_its_inspection_but_only_the_upper_level_writes(tree, users, client,
                                                                                django_user_model, who, status):  # fmt: skip
    inspection = actions.record_inspection(by=None, upper_unit=tree.CT, subject_unit=tree.MAY, kind="supervision",
                                           held_on=D(2017, 5, 1), topics="Luật Công đoàn", team="Đoàn giám sát")  # fmt: skip
    user = sibling_user(tree, django_user_model) if who == "sibling" else getattr(users, who)
    client.force_login(user)
    assert client.get(reverse("supervision:inspection-detail", args=[inspection.pk])).status_code == status
    add = client.get(reverse("supervision:recommendation-create", args=[inspection.pk])).status_code
    assert add == {"district_leader": 200, "grassroots_officer": 403, "sibling": 404, "outsider": 404}[who]


def test_the_officer_page_lists_the_plans_their_unions_have_not_deployed(tree, users, client):
    from tests.plans.builders import draft_plan
    from thidua.plans.actions import issue_plan
    from thidua.plans.models import PlanDelivery

    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                           started_on=D(2017, 1, 1))  # fmt: skip
    plan = issue_plan(draft_plan(tree.CT, by=users.district_leader, number=21), by=None, date=D(2017, 3, 1))
    assert PlanDelivery.objects.filter(plan=plan, unit=tree.MAY).exists()
    client.force_login(users.district_leader)
    page = client.get(reverse("areas:officer-detail", args=[users.district_leader.pk])).content.decode()
    assert 'data-testid="plans-to-deploy"' in page
    assert f"/ke-hoach/{plan.pk}/" in page


def test_the_officer_page_lists_the_reports_their_unions_have_not_sent(tree, users, client):
    from tests.reports.builders import form_for, report
    from tests.reports.conftest import ensure_indicators

    ensure_indicators()
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                           started_on=D(2017, 1, 1))  # fmt: skip
    form = form_for(tree.BT)
    expected = report(form, tree.MAY)
    client.force_login(users.district_leader)
    page = client.get(reverse("areas:officer-detail", args=[users.district_leader.pk])).content.decode()
    assert 'data-testid="reports-due"' in page
    assert reverse("reports:report-detail", args=[expected.pk]) in page


def test_the_officer_page_lists_the_congresses_due_or_overdue_where_they_follow(tree, users, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.congresses.models import Congress

    today = timezone.localdate()
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.MAY,
                           started_on=D(2017, 1, 1))  # fmt: skip
    due = Congress.objects.create(unit=tree.MAY, term_start=2025, term_end=2030,
                                  planned_on=today + datetime.timedelta(days=30))  # fmt: skip
    Congress.objects.create(unit=tree.MAY, term_start=2030, term_end=2035,
                            planned_on=today + datetime.timedelta(days=200))  # fmt: skip
    client.force_login(users.district_leader)
    url = reverse("areas:officer-detail", args=[users.district_leader.pk])
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert 'data-testid="congresses-due"' in page and due.get_absolute_url() in page
    assert "2030–2035" not in page
    actions.assign_officer(by=None, upper_unit=tree.CT, officer=users.district_leader, unit=tree.THPT,
                           started_on=D(2017, 1, 1))  # fmt: skip
    Congress.objects.create(unit=tree.THPT, term_start=2022, term_end=2027,
                            planned_on=today - datetime.timedelta(days=10))  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        page = client.get(url).content.decode()
    assert "Quá ngày dự kiến" in page
    assert len(more.captured_queries) == len(few.captured_queries)
