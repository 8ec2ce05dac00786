"""The plan workflow as issue 8 found it: no issue date after today, a confirmation before issuing a plan sent to
nobody or with no content, and an edit of an issued plan refused for what it is."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from thidua.plans import actions
from thidua.plans.models import Plan, PlanStatus

from .builders import D, draft_plan, issued_plan

pytestmark = pytest.mark.django_db


def test_a_plan_is_not_issued_with_a_date_after_today(tree, users):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    plan = draft_plan(tree.BT, year=tomorrow.year, date=None, number=1)
    with pytest.raises(ValidationError) as error:
        actions.issue_plan(plan, by=users.province_leader, date=tomorrow)
    assert error.value.message_dict == {"date": [
        f"Ngày ban hành {tomorrow:%d/%m/%Y} sau ngày hôm nay ({today:%d/%m/%Y}): không ban hành văn bản với ngày "
        "chưa đến."]}  # fmt: skip
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_the_issue_page_names_the_date_field_when_the_date_is_after_today(tree, users, client_for):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    plan = draft_plan(tree.BT, year=tomorrow.year, date=None, number=1)
    response = client_for(users.province_leader).post(
        reverse("plans:plan-issue", args=[plan.pk]), {"date": f"{tomorrow:%d/%m/%Y}"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        f'href="#id_date" class="alert-link">Ngày ban hành</a>: Ngày ban hành {tomorrow:%d/%m/%Y} sau ngày hôm'
        in page
    )
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_issuing_a_plan_with_no_recipients_asks_for_confirmation(tree, users, client_for):
    plan = draft_plan(tree.BT)
    plan.recipients.all().delete()  # a draft's parts: replaced as a whole while drafting
    client = client_for(users.province_leader)
    url = reverse("plans:plan-issue", args=[plan.pk])
    response = client.post(url, {"date": "22/02/2017"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kế hoạch chưa có nơi nhận: sau khi ban hành, không đơn vị nào nhận được kế hoạch." in page
    assert "Hãy xem các lưu ý và đánh dấu xác nhận trước khi tiếp tục." in page
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    assert client.post(url, {"date": "22/02/2017", "confirm": "on"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED


def test_issuing_a_plan_with_no_content_asks_for_confirmation(tree, users, client_for):
    plan = actions.create_plan(tree.BT, by=users.province_officer, title="Kế hoạch trống", year=2017,
                               date=D(2017, 2, 22), signer_name="Trần Trung Hào",
                               parts={"recipients": [{"name": "Lưu VT", "purpose": "luu"}]})  # fmt: skip
    response = client_for(users.province_leader).get(reverse("plans:plan-detail", args=[plan.pk]))
    assert "Kế hoạch chưa có nội dung (căn cứ, mục đích, phong trào, biện pháp, các đợt thi đua)." in (
        response.content.decode()
    )
    response = client_for(users.province_leader).post(reverse("plans:plan-issue", args=[plan.pk]),
                                                      {"date": "22/02/2017"})  # fmt: skip
    assert response.status_code == 400
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_a_complete_draft_is_issued_without_a_question(tree, users, client_for):
    plan = draft_plan(tree.BT)
    response = client_for(users.province_leader).post(reverse("plans:plan-issue", args=[plan.pk]),
                                                      {"date": "22/02/2017"})  # fmt: skip
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ISSUED


def test_editing_an_issued_plan_says_it_is_issued_not_a_role_message(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    response = client_for(users.province_officer).get(
        reverse("plans:plan-update", args=[plan.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("plans:plan-detail", args=[plan.pk]), 302)]
    assert "Kế hoạch đã ban hành nên không sửa trực tiếp được; lãnh đạo có thể sửa đổi, bổ sung." in (
        response.content.decode()
    )
    # Someone who could not edit it as a draft either still gets the refusal of a role.
    assert (
        client_for(users.council_member).get(reverse("plans:plan-update", args=[plan.pk])).status_code == 403
    )
