"""Pages of certificates: a decision's certificates (scoped, query counts), PDFs, the batch task, Excel, blanks and
their calibration, and the public verification page (genuine, revoked, unknown; no login; rate limited)."""

import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.certificates.builders import ct_decision
from tests.rewards.builders import issued, person_line, register, user_of
from thidua.certificates import actions
from thidua.certificates.models import Batch, BlankLayout, Certificate
from thidua.core.models import AuditEvent


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_decision_page_lists_awards_with_serials_and_state(client_for, decision, users):
    actions.issue_certificates(decision, by=None)
    response = client_for(users.district_leader).get(reverse("certificates:decision", args=[decision.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(str(r.record.person or r.record.unit), r.state) for r in rows] == [
        ("Trần Trung Hào", "genuine"), ("Nguyễn Thị Đào", "genuine"), ("Lê Văn Đức", "revoked"),
        ("Công đoàn cơ sở Trường THPT Châu Thành A", "genuine"),
    ]  # fmt: skip
    body = response.content.decode()
    assert Certificate.objects.first().display_serial in body
    assert "Đã thu hồi" in body


def test_decision_page_queries_do_not_grow_with_the_awards(client_for, tree, people, users):
    client = client_for(users.province_officer)
    small = issued(register(tree.CT), [person_line(people.tran_hao, award="giay-khen-cap-tren")])
    actions.issue_certificates(small, by=None)
    client.get(reverse("certificates:decision", args=[small.pk]))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("certificates:decision", args=[small.pk]))
    big = issued(register(tree.BT), [person_line(p, award="lao-dong-tien-tien") for p in
                                       [people.tran_hao, people.nguyen_dao, people.le_duc, people.huynh_mai,
                                        people.vo_hong]])  # fmt: skip
    actions.issue_certificates(big, by=None)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("certificates:decision", args=[big.pk]))
    assert len(many) == len(one) <= 14


def test_decision_list_counts_and_its_queries(client_for, decision, tree, people, users):
    actions.issue_certificates(decision, by=None)
    client = client_for(users.province_officer)
    with CaptureQueriesContext(connection) as one:
        response = client.get(reverse("certificates:decision-list"))
    assert [(d.awards, d.printed) for d in response.context["decisions"]] == [(4, 3)]
    issued(register(tree.TPBT), [person_line(people.vo_hong, award="giay-khen-cap-tren")])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("certificates:decision-list"))
    assert len(response.context["decisions"]) == 2
    assert len(many) == len(one)


@pytest.mark.parametrize("who", ["sibling", "child", "outsider"])
def test_users_outside_the_issuer_get_404(client_for, decision, tree, users, who):
    actions.issue_certificates(decision, by=None)
    cert = Certificate.objects.first()
    user = {"sibling": user_of(tree.TPBT, "tpbt_officer"), "child": users.grassroots_officer,
            "outsider": users.outsider}[who]  # fmt: skip
    client = client_for(user)
    for url in [reverse("certificates:decision", args=[decision.pk]),
                reverse("certificates:decision-export", args=[decision.pk]),
                reverse("certificates:certificate-pdf", args=[cert.pk])]:  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("certificates:issue", args=[decision.pk])).status_code == 404
    assert client.post(reverse("certificates:batch-start", args=[decision.pk])).status_code == 404
    assert not Batch.objects.exists()


def test_a_viewer_of_the_issuer_sees_but_may_not_print(client_for, decision, tree):
    viewer = user_of(tree.CT, "ct_viewer", "viewer")
    client = client_for(viewer)
    response = client.get(reverse("certificates:decision", args=[decision.pk]))
    assert response.status_code == 200 and response.context["may_print"] is False
    assert client.post(reverse("certificates:issue", args=[decision.pk])).status_code == 403
    assert not Certificate.objects.exists()


def test_one_awardees_certificate_as_pdf(client_for, decision, people, users):
    actions.issue_certificates(decision, by=None)
    cert = Certificate.objects.get(record__person=people.tran_hao)
    response = client_for(users.province_officer).get(reverse("certificates:certificate-pdf", args=[cert.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"bang-khen-{cert.serial}.pdf" in response["Content-Disposition"]


def test_the_batch_task_issues_serials_and_stores_one_file_ready_to_print(client_for, decision, users):
    client = client_for(users.district_leader)
    response = client.post(reverse("certificates:batch-start", args=[decision.pk]))
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert batch.count == 3 and batch.file and batch.task.status == "done"
    assert batch.task.result["summary"] == [
        "Đã dựng 3 bằng khen, giấy khen trong một tệp PDF sẵn sàng để in."
    ]
    assert Certificate.objects.count() == 3
    download = client.get(reverse("certificates:batch-download", args=[batch.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="generate_certificates", actor=users.district_leader).count() == 1
    row = client.get(reverse("certificates:batch-status", args=[batch.pk]))
    assert reverse("certificates:batch-download", args=[batch.pk]) in row.content.decode()


def test_a_batch_on_another_units_blank_is_refused(client_for, decision, tree, users):
    other = actions.create_layout(tree.BT, by=None, name="Phôi tỉnh")
    client = client_for(users.province_officer)
    response = client.post(reverse("certificates:batch-start", args=[decision.pk]), {"layout": other.pk})
    assert response.status_code == 302
    assert not Batch.objects.exists()


def test_export_lists_serials_and_state(client_for, decision, users):
    actions.issue_certificates(decision, by=None)
    response = client_for(users.district_leader).get(
        reverse("certificates:decision-export", args=[decision.pk])
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    rows = values[header + 1 : header + 5]
    assert [r[1] for r in rows] == ["Trần Trung Hào", "Nguyễn Thị Đào", "Lê Văn Đức",
                                    "Công đoàn cơ sở Trường THPT Châu Thành A"]  # fmt: skip
    assert [r[6] for r in rows] == ["Đã cấp số hiệu", "Đã cấp số hiệu", "Đã thu hồi", "Đã cấp số hiệu"]
    assert rows[2][5] in ("", None)
    assert rows[0][7].startswith("http://testserver/xac-thuc/")


# --- blanks ----------------------------------------------------------------------------------------------------


def test_calibration_saved_through_the_page_and_test_page_printed(client_for, tree):
    officer = user_of(tree.CT, "ct_officer")
    client = client_for(officer)
    response = client.post(reverse("certificates:layout-list"),
                           {"form": "layout", "unit": tree.CT.pk, "name": "Phôi Giấy khen", "paper": "a4-landscape"})  # fmt: skip
    layout = BlankLayout.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:layout-edit", args=[layout.pk]
    )
    page = client.get(response["Location"])
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["name_x"], data["name_y"], data["serial_size"] = "150.5", "103", "10"
    saved = client.post(response["Location"], data)
    assert saved.status_code == 302
    layout.refresh_from_db()
    assert (layout.fields["name"]["x"], layout.fields["name"]["y"], layout.fields["serial"]["size"]) == (
        150.5,
        103.0,
        10.0,
    )
    pdf = client.get(reverse("certificates:layout-test-page", args=[layout.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_bad_calibration_is_shown_on_its_field(client_for, tree):
    officer = user_of(tree.CT, "ct_officer")
    layout = actions.create_layout(tree.CT, by=None, name="Phôi C")
    client = client_for(officer)
    form = client.get(reverse("certificates:layout-edit", args=[layout.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["qr_size"] = "5"
    response = client.post(reverse("certificates:layout-edit", args=[layout.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["qr_size"] == [
        "Mã QR xác thực: cạnh mã QR 5 mm ngoài khoảng 12–60 mm."
    ]
    layout.refresh_from_db()
    assert layout.fields["qr"]["size"] == 25


@pytest.mark.parametrize("who", ["sibling", "child", "outsider"])
def test_another_units_user_gets_404_on_a_blank(client_for, tree, users, who):
    layout = actions.create_layout(tree.CT, by=None, name="Phôi D")
    user = {"sibling": user_of(tree.TPBT, "tpbt_officer"), "child": users.grassroots_officer,
            "outsider": users.outsider}[who]  # fmt: skip
    client = client_for(user)
    assert client.get(reverse("certificates:layout-edit", args=[layout.pk])).status_code == 404
    assert client.get(reverse("certificates:layout-test-page", args=[layout.pk])).status_code == 404
    assert client.post(reverse("certificates:layout-archive", args=[layout.pk])).status_code == 404
    assert BlankLayout.objects.get().archived_at is None


# --- the public page -------------------------------------------------------------------------------------------


def _verify(client, serial):
    return client.get(reverse("certificates:verify", args=[serial]))


def test_verification_of_a_genuine_certificate_needs_no_login(client, decision, people):
    actions.issue_certificates(decision, by=None)
    cert = Certificate.objects.get(record__person=people.tran_hao)
    response = _verify(client, cert.display_serial.lower())
    assert response.status_code == 200
    assert response.context["result"] == {
        "state": "genuine", "serial": cert.display_serial, "name": "Trần Trung Hào",
        "award": "Giấy khen của Ban Chấp hành công đoàn cấp trên trực tiếp cơ sở", "year": 2017,
        "decision": decision.reference, "decided_on": "20/12/2017",
        "issuer": "Liên đoàn Lao động huyện Châu Thành",
    }  # fmt: skip
    body = response.content.decode()
    assert "Bằng khen, giấy khen này là thật và đang có hiệu lực." in body
    for private in ["083080000001", "01/05/1980", "Tổ trưởng tổ cắt", "Hoàn thành xuất sắc"]:
        assert private not in body


def test_verification_of_a_revoked_certificate(client, decision, people):
    from thidua.rewards import actions as reward_actions
    from thidua.rewards.models import AwardRecord

    actions.issue_certificates(decision, by=None)
    record = AwardRecord.objects.get(decision_line__decision=decision, person=people.nguyen_dao)
    reward_actions.revoke_award(
        record, by=None, reason="fraud", revoked_on=record.decided_on, reference="03/QĐ"
    )
    response = _verify(client, Certificate.objects.get(record=record).serial)
    assert response.context["result"]["state"] == "revoked"
    assert "đã bị thu hồi" in response.content.decode()


def test_an_unknown_serial_gets_the_same_page_with_one_query(client, decision):
    actions.issue_certificates(decision, by=None)
    known = Certificate.objects.first().serial
    with CaptureQueriesContext(connection) as genuine:
        first = _verify(client, known)
    with CaptureQueriesContext(connection) as unknown:
        response = _verify(client, "ABCD-EFGH-JKMN")
    with CaptureQueriesContext(connection) as malformed:
        _verify(client, "0000")
    assert response.status_code == first.status_code == 200
    assert response.context["result"] == {"state": "unknown", "serial": "ABCD-EFGH-JKMN"}
    assert "Không tìm thấy bằng khen, giấy khen có số hiệu này." in response.content.decode()
    lookups = [len([q for q in c.captured_queries if "certificates_certificate" in q["sql"]])
               for c in (genuine, unknown, malformed)]  # fmt: skip
    assert lookups == [1, 1, 1]


def test_the_public_page_is_rate_limited_per_address(client, db):
    for _ in range(30):
        assert _verify(client, "ABCD-EFGH-JKMN").status_code == 200
    response = _verify(client, "ABCD-EFGH-JKMN")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    other = client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMN"]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_demo_decision_of_another_federation_is_independent(tree, people):
    decision = ct_decision(tree, people, revoke=False)
    assert len(actions.issue_certificates(decision, by=None)) == 4
