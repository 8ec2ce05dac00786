"""The pages of phase reports: scoped (404 outside), buttons only for those who can, the entry grid's server check,
the workflow through its pages, query counts of the list pages, the panels on the unit's and the plan's pages."""

import pytest
from django.urls import reverse

from thidua.reports import actions
from thidua.reports.models import ExpectedReportStatus as S
from thidua.reports.models import FormStatus, ReportForm, ReportValue

from .builders import form_for, plan_of, report, user_of


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


@pytest.fixture
def client_for():
    """A client of its own for each user (several users act in one test)."""
    from django.test import Client

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


def _detail(report_):
    return reverse("reports:report-detail", args=[report_.pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("grassroots_officer", 200), ("district_leader", 200), ("province_officer", 200), ("sibling", 404),
     ("outsider", 404)],
)  # fmt: skip
def test_a_report_is_seen_by_its_unit_and_the_levels_above_only(client_for, form, tree, users, who, status):
    user = user_of(tree.THPT, "thpt_officer") if who == "sibling" else getattr(users, who)
    client = client_for(user)
    may = report(form, tree.MAY)
    assert client.get(_detail(may)).status_code == status
    assert client.get(reverse("reports:report-entry", args=[may.pk])).status_code in (
        (200, 403) if status == 200 else (404,)
    )


def test_buttons_are_offered_only_to_those_who_can(client_for, form, tree, users):
    may = report(form, tree.MAY)
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 5}})
    own = client_for(users.grassroots_officer).get(_detail(may)).content.decode()
    assert 'data-testid="submit"' in own and 'data-testid="enter"' in own
    assert 'data-testid="approve"' not in own and 'data-testid="waive"' not in own
    above = client_for(users.district_leader).get(_detail(may)).content.decode()
    assert 'data-testid="waive"' in above and 'data-testid="late-entry"' in above
    assert 'data-testid="approve"' not in above  # nothing submitted yet
    actions.submit_report(may, by=users.grassroots_officer)
    above = client_for(users.district_leader).get(_detail(may)).content.decode()
    assert 'data-testid="approve"' in above and 'data-testid="return"' in above
    own = client_for(users.grassroots_officer).get(_detail(may)).content.decode()
    assert 'data-testid="submit"' not in own and 'data-testid="enter"' not in own


def test_the_grid_refuses_everything_on_one_error_and_names_the_indicator(client_for, form, tree, users):
    may = report(form, tree.MAY)
    client = client_for(users.grassroots_officer)
    url = reverse("reports:report-entry", args=[may.pk])
    response = client.post(url, {"v-TC01": "44", "v-TC02": "45", "v-TC02.NU": "3,5", "n-0": "Tốt"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="error-TC02.NU"' in html and 'data-testid="error-TC02"' not in html
    assert 'value="3,5"' in html  # what was typed comes back
    assert not ReportValue.objects.filter(report=may).exists()
    response = client.post(url, {"v-TC01": "44", "v-TC02": "40", "v-TC02.NU": "21", "v-CL03": "1.530.000.000",
                                 "a-CL03": "1", "v-TC04": "8", "t-TC04": "6", "n-0": "Hoàn thành"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'value="1.530.000.000"' in page
    assert "90,91" in page  # TC03 = 40 / 44, recomputed
    detail = client.get(_detail(may)).content.decode()
    assert "khoảng 1.530.000.000" in detail and "133,33 %" in detail  # TC04: 8 of a target of 6


def test_submit_approve_and_return_through_their_pages(client_for, form, tree, users):
    may = report(form, tree.MAY)
    officer, leader = client_for(users.grassroots_officer), client_for(users.district_leader)
    officer.post(reverse("reports:report-entry", args=[may.pk]), {"v-TC01": "10"})
    assert officer.post(reverse("reports:report-submit", args=[may.pk])).status_code == 302
    assert report(form, tree.MAY).status == S.SUBMITTED
    assert officer.post(reverse("reports:report-approve", args=[may.pk])).status_code == 403
    assert (
        client_for(users.outsider).post(reverse("reports:report-approve", args=[may.pk])).status_code == 404
    )
    response = leader.post(reverse("reports:report-return", args=[may.pk]), {"reason": ""})
    assert response.status_code == 400
    leader.post(reverse("reports:report-return", args=[may.pk]), {"reason": "Thiếu số nữ"})
    assert report(form, tree.MAY).status == S.RETURNED
    assert "Thiếu số nữ" in officer.get(_detail(may)).content.decode()
    officer.post(reverse("reports:report-submit", args=[may.pk]))
    leader.post(reverse("reports:report-approve", args=[may.pk]))
    assert report(form, tree.MAY).status == S.APPROVED


def test_the_issuer_drafts_and_publishes_a_form_from_the_plan_page(client_for, tree, users):
    plan = plan_of(tree.BT)
    phase = plan.phases.order_by("order").first()
    client = client_for(users.province_officer)
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert 'data-testid="create-form-1"' in page
    assert (
        client_for(users.district_leader).get(reverse("reports:form-create", args=[phase.pk])).status_code
        == 403
    )
    response = client.post(reverse("reports:form-create", args=[phase.pk]), {
        "levels": ["upper", "grassroots"], "period_start": "01/01/2017", "period_end": "31/08/2017",
        "due_on": "10/09/2099", "indicators": [i.pk for i in _indicators("TC01", "TC02", "TD04")],
        "required": [i.pk for i in _indicators("TC01")], "narrative_headings": "Kết quả đạt được\nKiến nghị",
    })  # fmt: skip
    assert response.status_code == 302
    created = ReportForm.objects.get(phase=phase)
    assert created.narrative_headings == ["Kết quả đạt được", "Kiến nghị"]
    client.post(reverse("reports:form-publish", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == FormStatus.PUBLISHED
    assert created.expected_reports.count() == 6
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert 'data-testid="plan-report-form"' in page and "0/6 đã duyệt hoặc miễn" in page
    assert 'data-testid="my-report"' in page  # the issuer's own consolidated report


def _indicators(*codes):
    from thidua.reports.models import Indicator

    return Indicator.objects.filter(code__in=codes)


def test_the_unit_page_lists_its_reports(client_for, form, tree, users):
    page = (
        client_for(users.grassroots_officer)
        .get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
        .content.decode()
    )
    assert 'data-testid="reports-panel"' in page and form.phase.name in page


@pytest.mark.parametrize("forms", [1, 4])
def test_the_list_pages_do_not_grow_in_queries_with_rows(
    client_for, tree, users, forms, django_assert_num_queries
):
    plan = plan_of(tree.BT)
    for _n in range(forms):
        form_for(tree.BT, plan=plan)
    client = client_for(users.province_officer)
    client.get(reverse("reports:report-list"))  # warm the session
    with django_assert_num_queries(7):
        assert client.get(reverse("reports:report-list")).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(reverse("reports:form-list")).status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_the_form_page_and_a_parent_s_report_do_not_grow_in_queries(
    client_for, tree, users, extra, django_assert_num_queries
):
    from thidua.orgs.actions.tree import create_unit

    for n in range(extra):
        create_unit(tree.CT, by=None, code=f"Q{n}", name=f"Công đoàn cơ sở Công ty số {n}", level="grassroots",
                    sector="private")  # fmt: skip
    form = form_for(tree.BT)
    client = client_for(users.province_officer)
    client.get(reverse("reports:form-detail", args=[form.pk]))  # warm the session
    with django_assert_num_queries(11):  # with the form's history (closed, reopened)
        assert client.get(reverse("reports:form-detail", args=[form.pk])).status_code == 200
    with django_assert_num_queries(12):  # the CT report lists its children: 2, or 14
        assert client.get(_detail(report(form, tree.CT))).status_code == 200


def test_the_list_shows_what_waits_for_the_user_s_approval(client_for, form, tree, users):
    for unit in (tree.MAY, tree.DUA):
        actions.save_values(report(form, unit), by=None, entries={"TC01": {"value": 3}})
        actions.submit_report(report(form, unit), by=None)
    waiting = client_for(users.district_leader).get(reverse("reports:report-list") + "?to_approve=1")
    rows = waiting.content.decode().count('data-testid="report-row"')
    assert rows == 1 and "May Việt Tiến" in waiting.content.decode()  # DUA reports to TP Bến Tre, not to CT
    own = client_for(users.grassroots_officer).get(reverse("reports:report-list") + "?to_approve=1")
    assert own.content.decode().count('data-testid="report-row"') == 0  # a unit never approves its own
    province = client_for(users.province_officer).get(reverse("reports:report-list") + "?to_approve=1")
    assert province.content.decode().count('data-testid="report-row"') == 2
