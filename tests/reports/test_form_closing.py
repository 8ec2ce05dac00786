"""Closing a published report form (kết thúc nhận báo cáo) and reopening it with a reason: by the level that
published it only, through ``FORM_WORKFLOW`` (a ``ReportFormEvent`` and an audit record each), no more entry or
submission once closed (even with a late-entry exception), the reports not sent and those sent late listed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.notices.models import Notice
from thidua.reports import actions
from thidua.reports.models import ExpectedReportStatus as S
from thidua.reports.models import FormStatus, ReportFormEvent

from .builders import form_for, report, user_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


def test_the_publishing_level_closes_and_entry_stops(form, tree, users, django_capture_on_commit_callbacks):
    may, thpt = report(form, tree.MAY), report(form, tree.THPT)
    actions.save_values(thpt, by=None, entries={"TC01": {"value": 10}})
    actions.submit_report(thpt, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_form(form, by=users.province_officer, note="Hết đợt")
    form.refresh_from_db()
    assert form.status == FormStatus.CLOSED and form.closed_by == users.province_officer
    event = ReportFormEvent.objects.get(form=form)
    assert (event.action, event.from_status, event.to_status, event.note) == ("close_form", "published", "closed",
                                                                              "Hết đợt")  # fmt: skip
    assert AuditEvent.objects.filter(action="close_form", object_id=str(form.pk)).exists()
    # no more entry, even for a unit granted late entry
    with pytest.raises(ValidationError, match="Mẫu báo cáo đã kết thúc"):
        actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 10}})
    # what was sent is still approved by the level above
    actions.approve_report(thpt, by=users.district_leader)
    assert report(form, tree.THPT).status == S.APPROVED
    # the units whose report is missing are told
    told = set(Notice.objects.filter(kind="report_closed").values_list("unit__code", flat=True))
    assert "MAY" in told and "THPT" not in told


def test_reopening_needs_a_reason_and_lets_units_enter_again(form, tree, users):
    actions.close_form(form, by=users.province_officer)
    with pytest.raises(ValidationError):
        actions.reopen_form(form, by=users.province_officer, reason="  ")
    actions.reopen_form(form, by=users.province_officer, reason="LĐLĐ Châu Thành xin gia hạn do bão")
    form.refresh_from_db()
    assert form.status == FormStatus.PUBLISHED and form.closed_at is None
    assert list(ReportFormEvent.objects.filter(form=form).values_list("action", "note")) == [
        ("close_form", ""), ("reopen_form", "LĐLĐ Châu Thành xin gia hạn do bão")]  # fmt: skip
    actions.save_values(report(form, tree.MAY), by=users.grassroots_officer, entries={"TC01": {"value": 10}})


@pytest.mark.parametrize("who", ["district_leader", "grassroots_officer", "outsider", "tv_officer"])
def test_only_the_publishing_level_closes(form, tree, users, who):
    user = user_of(tree.TV, "tv_officer") if who == "tv_officer" else getattr(users, who)
    with pytest.raises(PermissionDenied):
        actions.close_form(form, by=user)
    form.refresh_from_db()
    assert form.status == FormStatus.PUBLISHED


def test_a_draft_form_cannot_be_closed(tree, users):
    draft = form_for(tree.BT, publish=False)
    with pytest.raises(ValidationError):
        actions.close_form(draft, by=users.province_officer)


def test_the_close_page_lists_missing_and_late_reports_then_closes(tree, users, client):
    form = form_for(tree.BT, due_on=TODAY - datetime.timedelta(days=3))
    thpt = report(form, tree.THPT)
    actions.grant_late_entry(
        thpt, by=users.district_leader, until=TODAY + datetime.timedelta(days=2), reason="Bão"
    )
    actions.save_values(thpt, by=None, entries={"TC01": {"value": 10}})
    actions.submit_report(thpt, by=None)
    client.force_login(users.province_officer)
    page = client.get(f"/bao-cao/mau/{form.pk}/")
    assert 'data-testid="close-form"' in page.content.decode()
    page = client.get(f"/bao-cao/mau/{form.pk}/ket-thuc/")
    html = page.content.decode()
    assert page.status_code == 200
    missing = html.split('data-testid="close-missing"')[1].split("</table>")[0]
    late = html.split('data-testid="close-late"')[1].split("</table>")[0]
    assert 'data-unit="MAY"' in missing and 'data-unit="DUA"' in missing and 'data-unit="THPT"' not in missing
    assert 'data-unit="THPT"' in late
    response = client.post(f"/bao-cao/mau/{form.pk}/ket-thuc/", {"note": ""})
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.status == FormStatus.CLOSED
    html = client.get(f"/bao-cao/mau/{form.pk}/").content.decode()
    assert 'data-testid="reopen-form"' in html and 'data-testid="closed-at"' in html
    assert client.post(f"/bao-cao/mau/{form.pk}/mo-lai/", {"reason": ""}).status_code == 400
    assert client.post(f"/bao-cao/mau/{form.pk}/mo-lai/", {"reason": "Gia hạn"}).status_code == 302


def test_the_close_page_is_refused_below_and_hidden_outside(form, users, client):
    client.force_login(users.district_leader)
    assert client.get(f"/bao-cao/mau/{form.pk}/ket-thuc/").status_code == 403
    assert 'data-testid="close-form"' not in client.get(f"/bao-cao/mau/{form.pk}/").content.decode()
    client.force_login(users.outsider)
    assert client.get(f"/bao-cao/mau/{form.pk}/ket-thuc/").status_code == 404
