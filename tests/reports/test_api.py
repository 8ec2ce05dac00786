"""The phase reports API: scoped like the pages (404 outside), figures written through the same checks (400 naming
the indicator, nothing saved), the workflow through the same actions (403 without the right)."""

import json

import pytest

from thidua.api import actions as api_actions
from thidua.reports.models import ExpectedReportStatus as S
from thidua.reports.models import ReportValue

from .builders import form_for, report


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


def bearer(user):
    _token, secret = api_actions.create_api_token(user, by=user, name="Thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_forms_and_reports_are_listed_within_the_scope(client, form, tree, users):
    officer = bearer(users.grassroots_officer)
    forms = client.get("/api/v1/report-forms/", **officer).json()
    assert [f["id"] for f in forms["items"]] == [form.pk]  # a published form its unit owes
    reports = client.get("/api/v1/expected-reports/", **officer).json()
    assert [r["unit"]["code"] for r in reports["items"]] == ["MAY"]
    district = client.get(f"/api/v1/expected-reports/?form={form.pk}", **bearer(users.district_leader)).json()
    assert [r["unit"]["code"] for r in district["items"]] == ["CT", "MAY", "THPT"]
    outsider = bearer(users.outsider)
    assert client.get("/api/v1/report-forms/", **outsider).json()["count"] == 0
    assert client.get(f"/api/v1/report-forms/{form.pk}/", **outsider).status_code == 404
    assert client.get(f"/api/v1/expected-reports/?unit={tree.MAY.pk}", **outsider).status_code == 404
    detail = client.get(f"/api/v1/report-forms/{form.pk}/", **officer).json()
    tc03 = next(i for i in detail["indicators"] if i["code"] == "TC03")
    assert (tc03["numerator"], tc03["denominator"], tc03["aggregation"]) == ("TC02", "TC01", "ratio")


def test_values_are_written_checked_and_read(client, form, tree, users):
    may = report(form, tree.MAY)
    url = f"/api/v1/expected-reports/{may.pk}/values/"
    officer = bearer(users.grassroots_officer)
    bad = client.put(url, json.dumps({"values": {"TC01": {"value": 44}, "TC02": {"value": "bốn mươi"}}}),
                     content_type="application/json", **officer)  # fmt: skip
    assert bad.status_code == 400 and bad.json()["detail"].startswith("TC02:")
    assert not ReportValue.objects.filter(report=may).exists()
    good = client.put(url, json.dumps({"values": {"TC01": {"value": 44}, "TC02": {"value": "40"},
                                                  "CL03": {"value": 1_530_000_000, "approximate": True}},
                                       "narrative": {"Ưu điểm": "Đoàn kết"}}),
                      content_type="application/json", **officer)  # fmt: skip
    assert good.status_code == 200
    values = {v["code"]: v for v in client.get(url, **officer).json()["values"]}
    assert values["TC03"]["computed"] == 90.91 and values["TC03"]["value"] is None
    assert (values["CL03"]["value"], values["CL03"]["approximate"]) == (1_530_000_000, True)
    assert client.put(url, "{}", content_type="application/json", **bearer(users.outsider)).status_code == 404


def test_submit_approve_and_return(client, form, tree, users):
    may = report(form, tree.MAY)
    officer, leader = bearer(users.grassroots_officer), bearer(users.district_leader)
    client.put(f"/api/v1/expected-reports/{may.pk}/values/", json.dumps({"values": {"TC01": {"value": 1}}}),
               content_type="application/json", **officer)  # fmt: skip
    base = f"/api/v1/expected-reports/{may.pk}"
    sent = client.post(f"{base}/submit/", "{}", content_type="application/json", **officer).json()
    assert sent.get("status") == S.SUBMITTED, sent
    assert (
        client.post(f"{base}/approve/", "{}", content_type="application/json", **officer).status_code == 403
    )
    assert (
        client.post(
            f"{base}/approve/", "{}", content_type="application/json", **bearer(users.outsider)
        ).status_code
        == 404
    )
    refused = client.post(
        f"{base}/return/", json.dumps({"reason": ""}), content_type="application/json", **leader
    )
    assert refused.status_code == 400
    returned = client.post(f"{base}/return/", json.dumps({"reason": "Thiếu số nữ"}),
                           content_type="application/json", **leader).json()  # fmt: skip
    assert (returned["status"], returned["returned_reason"]) == (S.RETURNED, "Thiếu số nữ")
    client.post(f"{base}/submit/", "{}", content_type="application/json", **officer)
    approved = client.post(f"{base}/approve/", "{}", content_type="application/json", **leader).json()
    assert approved["status"] == S.APPROVED and approved["version"] == 3
    assert [e["action"] for e in approved["events"]] == [
        "publish_form", "begin_entry", "submit", "return", "submit", "approve_report",
    ]  # fmt: skip


def test_closing_and_reopening_a_form(client, form, tree, users):
    from thidua.reports.models import FormStatus, ReportFormEvent

    close, reopen = f"/api/v1/report-forms/{form.pk}/close/", f"/api/v1/report-forms/{form.pk}/reopen/"
    body = json.dumps({"note": "Hết hạn tổng hợp"})
    assert (
        client.post(close, body, content_type="application/json", **bearer(users.outsider)).status_code == 404
    )
    # the district federation reads the province's form but did not publish it
    refused = client.post(close, body, content_type="application/json", **bearer(users.district_leader))
    assert refused.status_code == 403 and "không có quyền" in refused.json()["detail"]
    closed = client.post(close, body, content_type="application/json", **bearer(users.province_leader))
    assert closed.status_code == 200 and closed.json()["status"] == FormStatus.CLOSED
    # entry is closed for the units
    may = report(form, tree.MAY)
    values = client.put(f"/api/v1/expected-reports/{may.pk}/values/", json.dumps({"values": {"TC01": {"value": 1}}}),
                        content_type="application/json", **bearer(users.grassroots_officer))  # fmt: skip
    assert values.status_code == 400
    no_reason = client.post(reopen, "{}", content_type="application/json", **bearer(users.province_leader))
    assert no_reason.status_code == 400
    opened = client.post(reopen, json.dumps({"reason": "Gia hạn cho các đơn vị vùng lũ"}),
                         content_type="application/json", **bearer(users.province_leader))  # fmt: skip
    assert opened.status_code == 200 and opened.json()["status"] == FormStatus.PUBLISHED
    steps = list(
        ReportFormEvent.objects.filter(form=form).order_by("at", "id").values_list("action", "by__username")
    )
    assert steps[-2:] == [("close_form", "province_leader"), ("reopen_form", "province_leader")]


def test_a_unit_s_own_indicators(client, tree, users):
    from thidua.core.models import AuditEvent
    from thidua.reports.models import Indicator

    url = f"/api/v1/units/{tree.CT.pk}/own-indicators/"
    body = {"code": "ct.nha01", "name": "Nhà “Mái ấm Công đoàn” khởi công", "unit_of_measure": "so_luong",
            "count_word": "căn", "aggregation": "sum", "group": "Mái ấm Công đoàn"}  # fmt: skip
    created = client.post(
        url, json.dumps(body), content_type="application/json", **bearer(users.district_leader)
    )
    assert created.status_code == 200
    made = created.json()
    assert (made["code"], made["owner"]["code"], made["unit_label"], made["archived"]) == ("CT.NHA01", "CT", "căn",
                                                                                           False)  # fmt: skip
    assert AuditEvent.objects.filter(action="create", object_id=str(made["id"])).exists()
    again = client.post(
        url, json.dumps(body), content_type="application/json", **bearer(users.district_leader)
    )
    assert again.status_code == 400 and "CT.NHA01" in again.json()["detail"]
    part = {**body, "code": "CT.NHA02", "name": "Trong đó: nhà sửa chữa", "part_of": "TC01"}
    wrong = client.post(
        url, json.dumps(part), content_type="application/json", **bearer(users.district_leader)
    )
    assert wrong.status_code == 400  # a part must count the same thing as its whole
    unknown = client.post(url, json.dumps({**part, "part_of": "KHONGCO"}), content_type="application/json",
                          **bearer(users.district_leader))  # fmt: skip
    assert unknown.status_code == 400 and "KHONGCO" in unknown.json()["detail"]
    assert client.post(url, json.dumps(body), content_type="application/json",
                       **bearer(users.grassroots_officer)).status_code == 404  # fmt: skip
    assert client.post(url, json.dumps({**body, "code": "CT.X"}), content_type="application/json",
                       **bearer(users.council_member)).status_code == 403  # fmt: skip
    listed = client.get(url, **bearer(users.district_leader)).json()["items"]
    assert [i["code"] for i in listed] == ["CT.NHA01"]
    assert client.get(url, **bearer(users.outsider)).status_code == 404
    archive = f"/api/v1/own-indicators/{made['id']}/archive/"
    assert client.post(archive, **bearer(users.outsider)).status_code == 404
    archived = client.post(archive, **bearer(users.district_leader))
    assert archived.status_code == 200 and archived.json()["archived"] is True
    assert Indicator.objects.get(pk=made["id"]).archived_at is not None
