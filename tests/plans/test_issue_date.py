"""The issue date of a plan falls within its year, or in November and December of the year before (next year's
plans go out at the end of the year); the issue dialog proposes a date that fits and says why."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.plans import actions, queries
from thidua.plans.models import Plan, PlanDelivery, PlanStatus

from .builders import draft_plan

D = datetime.date
pytestmark = pytest.mark.django_db


def test_window_runs_from_november_of_the_year_before_to_the_end_of_the_year():
    assert queries.issue_date_window(2017) == (D(2016, 11, 1), D(2017, 12, 31))


@pytest.mark.parametrize(
    "day", [D(2016, 11, 1), D(2016, 12, 15), D(2017, 1, 1), D(2017, 2, 22), D(2017, 12, 31)]
)
def test_plan_is_issued_on_a_day_of_its_window(tree, users, day):
    plan = actions.issue_plan(draft_plan(tree.BT), by=users.province_leader, date=day)
    assert (plan.status, plan.date) == (PlanStatus.ISSUED, day)


@pytest.mark.parametrize("day, message", [
    (D(2016, 10, 31), "Ngày ban hành 31/10/2016 không phù hợp với kế hoạch năm 2017: phải từ 01/11/2016 đến "
                      "31/12/2017 (trong năm 2017, hoặc tháng 11, 12 năm trước đó)."),
    (D(2018, 1, 1), "Ngày ban hành 01/01/2018 không phù hợp với kế hoạch năm 2017: phải từ 01/11/2016 đến "
                    "31/12/2017 (trong năm 2017, hoặc tháng 11, 12 năm trước đó)."),
])  # fmt: skip
def test_issue_date_outside_the_window_is_refused_and_changes_nothing(tree, users, day, message):
    plan = draft_plan(tree.BT)
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(plan, by=users.province_leader, date=day)
    assert error.value.message_dict == {"date": [message]}
    plan.refresh_from_db()
    assert (plan.status, plan.date, PlanDelivery.objects.count()) == (PlanStatus.DRAFT, D(2017, 2, 22), 0)


def test_old_draft_without_a_date_is_not_issued_today(tree, users):
    plan = draft_plan(tree.BT, date=None)
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(plan, by=users.province_leader)
    assert list(error.value.message_dict) == ["date"]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


@pytest.mark.parametrize("date, today, proposed", [
    (D(2017, 2, 22), D(2026, 5, 4), (D(2017, 2, 22), "draft")),
    (D(2015, 3, 1), D(2017, 4, 10), (D(2017, 4, 10), "today")),
    (None, D(2016, 12, 5), (D(2016, 12, 5), "today")),
    (None, D(2026, 5, 4), (D(2017, 1, 1), "year_start")),
    (None, D(2016, 6, 1), (D(2016, 11, 1), "window_start")),
])  # fmt: skip
def test_proposed_issue_date(tree, date, today, proposed):
    plan = Plan(issuer=tree.BT, year=2017, date=date)
    assert queries.proposed_issue_date(plan, today) == proposed


def _dialog(html: str) -> str:
    return html.split('id="issue-modal"')[1].split("</form>")[0]


def test_dialog_proposes_the_drafts_date_and_explains_the_rule(tree, users, client_for):
    plan = draft_plan(tree.BT)
    dialog = _dialog(
        client_for(users.province_leader).get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    )
    assert re.search(r'name="date" value="([^"]*)"', dialog).group(1) == "22/02/2017"
    rule = " ".join(dialog.split('data-testid="issue-date-rule">')[1].split("</p>")[0].split())
    assert rule == (
        "Ngày ban hành phải từ 01/11/2016 đến 31/12/2017: trong năm 2017, hoặc tháng 11, 12 năm trước "
        "(kế hoạch cho năm sau thường ban hành vào cuối năm). Đề xuất ngày ghi trong dự thảo."
    )


def test_dialog_of_a_past_years_draft_proposes_its_first_day(tree, users, client_for):
    plan = draft_plan(tree.BT, date=None)
    dialog = _dialog(
        client_for(users.province_leader).get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    )
    assert re.search(r'name="date" value="([^"]*)"', dialog).group(1) == "01/01/2017"
    assert "Năm 2017 đã qua nên không đề xuất ngày hôm nay" in dialog


def test_issuing_from_the_page_with_a_date_outside_the_year_is_refused(tree, users, client_for):
    plan = draft_plan(tree.BT)
    client = client_for(users.province_leader)
    response = client.post(reverse("plans:plan-issue", args=[plan.pk]), {"date": "22/02/2026"}, follow=True)
    assert "Ngày ban hành 22/02/2026 không phù hợp với kế hoạch năm 2017" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_draft_form_accepts_december_of_the_year_before_and_refuses_other_years(tree, users, client_for):
    from thidua.plans.forms import PlanForm

    base = {"kind": "plan", "number": 1, "symbol": "KH-LĐLĐ", "year": 2018, "title": "Kế hoạch năm 2018"}
    assert PlanForm({**base, "date": "15/12/2017"}).is_valid()
    form = PlanForm({**base, "date": "15/10/2017"})
    assert form.errors == {
        "date": ["Ngày ban hành 15/10/2017 không thuộc năm 2018 (phải từ 01/11/2017 đến 31/12/2018)."]
    }
