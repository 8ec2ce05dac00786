"""Revoking an award by an issued decision of revocation: numbered in the issuer's register like any decision, with
its own document, signed by the issuer's leader; all or nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from thidua.core.models import AuditEvent
from thidua.documents.render import render_docx
from thidua.rewards import actions, queries
from thidua.rewards.documents import revocation_document
from thidua.rewards.models import AwardRecord, Decision

from .builders import draft, issued, person_line, register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def award(tree, people):
    """Trần Trung Hào's Lao động tiên tiến 2017 (390.000 đồng) in 1/QĐ-LĐLĐ of the Bến Tre federation."""
    issued(register(tree.BT, place="Bến Tre"), [person_line(people.tran_hao)])
    return AwardRecord.objects.get()


@pytest.fixture
def reg2018(tree):
    return register(tree.BT, year=2018, place="Bến Tre")


def revoke(award, reg, by, **kw):
    values = {"reason": "fraud", "revoked_on": D(2018, 3, 5), "reason_text": "Khai man ngày công",
              "signer_position": "Chủ tịch", "signer_name": "Nguyễn Văn Hùng",
              "legal_bases": "Căn cứ Luật Thi đua, Khen thưởng"} | kw  # fmt: skip
    return actions.issue_revocation(award, by=by, register=reg, **values)


def test_the_leader_issues_a_numbered_decision_of_revocation(award, reg2018, users):
    revocation = revoke(award, reg2018, users.province_leader)
    decision = revocation.decision
    assert (decision.kind, decision.status, decision.reference) == ("revocation", "issued", "1/QĐ-LĐLĐ")
    assert (decision.title, decision.issued_by, decision.lines.count()) == (
        "Về việc thu hồi khen thưởng",
        users.province_leader,
        0,
    )
    reg2018.refresh_from_db()
    assert reg2018.next_number == 2
    award.refresh_from_db()
    assert award.revoked == revocation and revocation.amount_to_recover == 390_000
    assert revocation.reference == "1/QĐ-LĐLĐ ngày 05/03/2018"
    assert AuditEvent.objects.filter(action="issue_decision", object_id=str(decision.pk)).count() == 1
    assert AuditEvent.objects.filter(action="revoke_award", object_id=str(award.pk)).count() == 1
    # the next decision of the register takes the next number: never repeated, never skipped
    assert issued(reg2018, [person_line(award.person, year=2018)], decided_on=D(2018, 3, 6)).number == 2


def test_an_officer_cannot_issue_it_and_nothing_is_taken(award, reg2018, users):
    with pytest.raises(PermissionDenied):
        revoke(award, reg2018, users.province_officer)
    reg2018.refresh_from_db()
    award.refresh_from_db()
    assert (reg2018.next_number, award.revoked_id, Decision.objects.filter(kind="revocation").count()) == (
        1,
        None,
        0,
    )


def test_refused_revocations_leave_no_decision_and_no_number(award, reg2018, tree, users):
    with pytest.raises(ValidationError) as error:  # another unit's register
        revoke(award, register(tree.CT, year=2018, symbol="QĐ-LĐLĐH"), users.province_leader)
    assert "register" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # a date outside the register's year
        revoke(award, reg2018, users.province_leader, revoked_on=D(2017, 12, 30))
    assert "decided_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # more money than was paid
        revoke(award, reg2018, users.province_leader, amount_to_recover=500_000)
    assert "amount_to_recover" in error.value.message_dict
    reg2018.refresh_from_db()
    assert (reg2018.next_number, Decision.objects.filter(kind="revocation").count()) == (1, 0)
    revoke(award, reg2018, users.province_leader)
    with pytest.raises(ValidationError):  # already revoked
        revoke(award, reg2018, users.province_leader)
    reg2018.refresh_from_db()
    assert reg2018.next_number == 2


def test_a_revocation_is_not_drafted_as_a_reward_decision(reg2018, people):
    with pytest.raises(ValidationError) as error:
        draft(reg2018, [person_line(people.tran_hao)], decided_on=D(2018, 1, 5), kind="revocation")
    assert "kind" in error.value.message_dict


def test_the_decision_of_revocation_has_its_document(award, reg2018, users):
    decision = revoke(award, reg2018, users.province_leader).decision
    document = revocation_document(decision, queries.revocations_made(decision))
    docx = Document(io.BytesIO(render_docx(document)))
    text = "\n".join(p.text for p in docx.paragraphs)
    header = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert document["number_line"] == "Số: 01/QĐ-LĐLĐ"  # numbers below 10 written with two digits
    assert "Số: 01/QĐ-LĐLĐ" in header and "Về việc thu hồi khen thưởng" in text
    assert "Thu hồi danh hiệu, hình thức khen thưởng đã tặng" in text and "gian dối" in text
    assert "390.000 đồng (Ba trăm chín mươi nghìn đồng)" in text
    table = next(t for t in docx.tables if t.rows[0].cells[0].text == "TT")
    cells = [c.text for c in table.rows[1].cells]
    assert cells[1:] == ["Trần Trung Hào", "Lao động tiên tiến năm 2017",
                         "1/QĐ-LĐLĐ ngày 20/12/2017 của Liên đoàn Lao động tỉnh Bến Tre", "390.000"]  # fmt: skip


def test_through_the_revoke_page(client_for, award, reg2018, users):
    client = client_for(users.province_leader)
    page = client.get(reverse("rewards:record-revoke", args=[award.pk]))
    assert list(page.context["form"].fields["register"].queryset) == [
        reg2018,
        award.decision_line.decision.register,
    ]
    response = client.post(reverse("rewards:record-revoke", args=[award.pk]), {
        "reason": "error", "revoked_on": "05/03/2018", "register": reg2018.pk, "signer_position": "Chủ tịch",
        "signer_name": "Nguyễn Văn Hùng", "reason_text": "Sai năm thành tích"})  # fmt: skip
    decision = Decision.objects.get(kind="revocation")
    assert response.url == reverse("rewards:decision-detail", args=[decision.pk])
    body = client.get(response.url).content.decode()
    assert (
        'data-testid="revocations-made"' in body and "Trần Trung Hào" in body and "Sai năm thành tích" in body
    )
    pdf = client.get(reverse("rewards:decision-document", args=[decision.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    # neither a register nor a reference: the form says what is missing
    other = issued(reg2018, [person_line(award.person, year=2018)], decided_on=D(2018, 3, 6))
    record = AwardRecord.objects.get(decision_line__decision=other)
    refused = client.post(reverse("rewards:record-revoke", args=[record.pk]),
                          {"reason": "error", "revoked_on": "06/03/2018"})  # fmt: skip
    assert refused.status_code == 400
    assert "Chọn sổ để ban hành quyết định thu hồi" in refused.content.decode()


def test_the_officer_is_refused_the_revoke_page(client_for, award, users):
    assert (
        client_for(users.province_officer).get(reverse("rewards:record-revoke", args=[award.pk])).status_code
        == 403
    )


def test_one_decision_revokes_several_awards_each_with_its_reason_and_money(client_for, award, reg2018, people,
                                                                             users):  # fmt: skip
    second = issued(award.decision_line.decision.register, [person_line(people.nguyen_dao)])  # 2/QĐ-LĐLĐ
    other = AwardRecord.objects.get(decision_line__decision=second)
    url = f"{reverse('rewards:revocation-create')}?record={award.pk}"
    client = client_for(users.province_leader)
    # the second decision's awards are offered beside the ticked one (same issuer)
    page = client.get(f"{url}&decision={second.pk}")
    assert page.content.decode().count('data-testid="revocation-row"') == 2
    values = {"record": [award.pk, other.pk], "register": reg2018.pk, "revoked_on": "05/03/2018",
              "signer_position": "Chủ tịch", "signer_name": "Nguyễn Văn Hùng", f"reason_{award.pk}": "fraud",
              f"reason_text_{award.pk}": "Khai man ngày công", f"reason_{other.pk}": "error",
              f"amount_{other.pk}": "100.000"}  # fmt: skip
    refused = client.post(
        url, values | {f"amount_{other.pk}": "500.000"}
    )  # more than was paid: nothing issued
    assert (
        refused.status_code == 400 and "Nguyễn Thị Đào – Lao động tiên tiến 2017" in refused.content.decode()
    )
    reg2018.refresh_from_db()
    assert (reg2018.next_number, Decision.objects.filter(kind="revocation").count()) == (1, 0)
    response = client.post(url, values)
    decision = Decision.objects.get(kind="revocation")
    assert response.url == reverse("rewards:decision-detail", args=[decision.pk])
    made = list(queries.revocations_made(decision))
    assert sorted((r.reason, r.amount_to_recover) for r in made) == [("error", 100_000), ("fraud", 390_000)]
    assert set(AwardRecord.objects.filter(revoked__decision=decision)) == {award, other}
    reg2018.refresh_from_db()
    assert (decision.reference, reg2018.next_number) == ("1/QĐ-LĐLĐ", 2)  # one number for all
    docx = Document(io.BytesIO(render_docx(revocation_document(decision, made))))
    table = next(t for t in docx.tables if t.rows[0].cells[0].text == "TT")
    assert [r.cells[1].text for r in table.rows[1:]] == ["Trần Trung Hào", "Nguyễn Thị Đào", "Tổng cộng"]
    assert table.rows[-1].cells[-1].text == "490.000"


def test_revoking_several_is_the_issuers_leaders_act(client_for, award, reg2018, users):
    url = f"{reverse('rewards:revocation-create')}?record={award.pk}"
    for username, status in [("province_leader", 200), ("province_officer", 403), ("district_leader", 403),
                             ("grassroots_officer", 403), ("admin", 403), ("outsider", 404)]:  # fmt: skip
        assert client_for(getattr(users, username)).get(url).status_code == status, username
    posted = client_for(users.province_officer).post(url, {"record": [award.pk], "register": reg2018.pk})
    assert posted.status_code == 403 and not Decision.objects.filter(kind="revocation").exists()
