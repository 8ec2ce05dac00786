"""Pages of reward decisions: lists with query counts, a decision's page and its writes, 404 outside, the
permanent record with its panels and export."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.budgets import UNIT_PAGE_QUERY_BUDGET
from thidua.rewards.models import AwardRecord, Decision, DecisionRegister

from .builders import draft, issued, person_line, register, unit_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(tree):
    return register(tree.BT, place="Bến Tre")


def test_decision_list_costs_the_same_queries_for_one_decision_and_many(client_for, reg, tree, people, users):
    client = client_for(users.province_officer)
    url = reverse("rewards:decision-list")
    issued(reg, [person_line(people.tran_hao)])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    everyone = [people.nguyen_dao, people.le_duc, people.huynh_mai, people.vo_hong]
    for i, person in enumerate(everyone * 3):
        award = ["cstd-co-so", "giay-khen-cap-tren", "bang-khen-ldld"][i // 4]
        draft(
            reg,
            [
                person_line(person, award=award),
                unit_line(tree.THPT, award="giay-khen-cap-tren", year=2016 - i),
            ],
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["decisions"]) == 13
    assert len(many.captured_queries) == len(one.captured_queries)


def test_decision_list_shows_references_and_totals(client_for, reg, tree, people, users):
    issued(reg, [person_line(people.tran_hao), unit_line(tree.MAY)])
    response = client_for(users.province_leader).get(reverse("rewards:decision-list"), {"year": 2017})
    body = response.content.decode()
    assert "1/QĐ-LĐLĐ" in body and "1.430.000" in body


def test_decision_page_shows_lines_money_basis_and_totals(client_for, reg, people, users):
    decision = issued(reg, [person_line(people.tran_hao)])
    response = client_for(users.province_officer).get(reverse("rewards:decision-detail", args=[decision.pk]))
    body = response.content.decode()
    assert "Trần Trung Hào" in body and "390.000" in body and "0,3 × 1.300.000" in body
    assert "Nghị định 91/2017/NĐ-CP" in body
    assert 'data-testid="decision-issue"' not in body  # issued: no issue button


def test_decision_page_costs_the_same_queries_for_one_line_and_many(client_for, reg, people, tree, users):
    client = client_for(users.province_officer)
    one_line = issued(reg, [person_line(people.tran_hao)])
    url = reverse("rewards:decision-detail", args=[one_line.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    many_lines = issued(reg, [person_line(p, award="cstd-co-so") for p in (people.nguyen_dao, people.le_duc,
                              people.huynh_mai, people.vo_hong)] + [unit_line(tree.MAY), unit_line(tree.DUA)])  # fmt: skip
    client.get(reverse("rewards:decision-detail", args=[many_lines.pk]))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("rewards:decision-detail", args=[many_lines.pk]))
    assert len(many.captured_queries) == len(one.captured_queries)


def test_drafting_adding_a_line_and_issuing_through_the_pages(client_for, reg, people, users):
    client = client_for(users.province_officer)
    response = client.post(f"{reverse('rewards:decision-create')}?register={reg.pk}", {
        "title": "Về việc khen thưởng tổng kết năm 2017", "kind": "achievement", "decided_on": "20/12/2017",
        "legal_bases": "Căn cứ Luật Thi đua, Khen thưởng", "sign_mode": "kt", "sign_for": "Chủ tịch",
        "signer_position": "Phó Chủ tịch", "signer_name": "Nguyễn Văn Hùng",
    })  # fmt: skip
    decision = Decision.objects.get()
    assert response.url == reverse("rewards:decision-detail", args=[decision.pk])
    client.post(reverse("rewards:line-add", args=[decision.pk]), {
        "person": people.tran_hao.national_id, "award": "lao-dong-tien-tien", "year": 2017,
        "reason": "Hoàn thành xuất sắc nhiệm vụ"})  # fmt: skip
    client.post(reverse("rewards:line-add", args=[decision.pk]), {"unit": "MAY", "award": "tt-ld-tien-tien",
                                                                   "year": 2017})  # fmt: skip
    assert [line.amount for line in decision.lines.order_by("sort")] == [390_000, 1_040_000]
    assert (
        client.post(reverse("rewards:decision-issue", args=[decision.pk])).status_code == 403
    )  # officers draft
    client = client_for(users.province_leader)  # the leader signs
    client.post(reverse("rewards:decision-issue", args=[decision.pk]))
    decision.refresh_from_db()
    assert (decision.reference, AwardRecord.objects.count()) == ("1/QĐ-LĐLĐ", 2)
    # immutable: the draft's edit pages are refused now
    assert client.get(reverse("rewards:decision-update", args=[decision.pk])).status_code == 403


def test_a_line_outside_the_issuer_is_refused_with_a_message(client_for, reg, people, users):
    decision = draft(reg)
    client = client_for(users.province_officer)
    response = client.post(reverse("rewards:line-add", args=[decision.pk]), {
        "person": people.pham_binh.national_id, "award": "lao-dong-tien-tien", "year": 2017}, follow=True)  # fmt: skip
    assert (
        "Không tìm thấy người lao động này trong phạm vi của cơ quan ban hành." in response.content.decode()
    )
    assert not decision.lines.exists()


@pytest.mark.parametrize(
    ("username", "status"),
    [("province_officer", 200), ("admin", 200), ("district_leader", 404), ("grassroots_officer", 404),
     ("outsider", 404)],
)  # fmt: skip
def test_a_decision_is_seen_from_its_issuer_subtree_only(client_for, reg, people, users, username, status):
    decision = issued(reg, [person_line(people.tran_hao)])
    client = client_for(getattr(users, username))
    assert client.get(reverse("rewards:decision-detail", args=[decision.pk])).status_code == status
    assert client.get(reverse("rewards:decision-document", args=[decision.pk, "pdf"])).status_code == status


def test_the_decision_downloads_as_docx_and_pdf(client_for, reg, people, users):
    decision = issued(reg, [person_line(people.tran_hao)])
    client = client_for(users.province_officer)
    docx = client.get(reverse("rewards:decision-document", args=[decision.pk, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("rewards:decision-document", args=[decision.pk, "pdf"])).content.startswith(
        b"%PDF"
    )


def test_a_register_is_opened_on_its_page(client_for, tree, users):
    client = client_for(users.district_leader)
    response = client.post(reverse("rewards:register-list"), {"issuer": tree.CT.pk, "year": 2017,
                                                               "symbol": "QĐ-LĐLĐH", "mode": "system",
                                                               "next_number": 5, "place": "Châu Thành"})  # fmt: skip
    assert response.status_code == 302
    register_ = DecisionRegister.objects.get()
    assert (register_.issuer, register_.next_number) == (tree.CT, 5)
    refused = client.post(reverse("rewards:register-list"), {"issuer": tree.BT.pk, "year": 2017, "symbol": "QĐ",
                                                              "mode": "system", "next_number": 1})  # fmt: skip
    assert refused.status_code == 400  # the province is not the district's to number


def test_revoking_from_the_record_page(client_for, reg, people, users):
    decision = issued(reg, [person_line(people.tran_hao)])
    record = AwardRecord.objects.get()
    assert (
        client_for(users.district_leader).get(reverse("rewards:record-revoke", args=[record.pk])).status_code
        == 403
    )
    client = client_for(users.province_leader)
    response = client.post(reverse("rewards:record-revoke", args=[record.pk]), {
        "reason": "fraud", "revoked_on": "05/03/2018", "reference": "12/QĐ-LĐLĐ ngày 05/3/2018",
        "reason_text": "Khai man thành tích"})  # fmt: skip
    assert response.url == reverse("rewards:decision-detail", args=[decision.pk])
    record.refresh_from_db()
    assert record.revoked.amount_to_recover == 390_000
    body = client.get(reverse("rewards:decision-detail", args=[decision.pk])).content.decode()
    assert "12/QĐ-LĐLĐ ngày 05/3/2018" in body and "Đã thu hồi" in body


def test_record_list_searches_without_diacritics_and_exports(client_for, reg, tree, people, users):
    issued(reg, [person_line(people.tran_hao), person_line(people.nguyen_dao), unit_line(tree.MAY)])
    client = client_for(users.grassroots_officer)
    response = client.get(reverse("rewards:record-list"), {"q": "tran trung hao"})
    assert [r.person for r in response.context["records"]] == [people.tran_hao]
    export = client.get(reverse("rewards:record-export"), {"kind": "person"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Trần Trung Hào" in values and "Nguyễn Thị Đào" in values
    assert tree.MAY.name not in [row[1] for row in sheet.iter_rows(values_only=True)]


def test_record_list_costs_the_same_queries_for_few_and_many(client_for, reg, tree, people, users):
    client = client_for(users.province_officer)
    url = reverse("rewards:record-list")
    issued(reg, [person_line(people.tran_hao)])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    issued(reg, [person_line(p, award="cstd-co-so") for p in (people.nguyen_dao, people.le_duc, people.vo_hong)]
           + [unit_line(tree.MAY), unit_line(tree.DUA)])  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["records"]) == 6
    assert len(many.captured_queries) == len(one.captured_queries)


def test_person_page_lists_the_person_awards(client_for, reg, people, users):
    issued(reg, [person_line(people.tran_hao)])
    body = (
        client_for(users.grassroots_officer)
        .get(reverse("orgs:person-detail", args=[people.tran_hao.pk]))
        .content.decode()
    )
    assert (
        'data-testid="person-rewards"' in body and "Lao động tiên tiến" in body and "01/QĐ-LĐLĐ" not in body
    )


def test_unit_page_shows_its_awards_and_its_people_within_budget(client_for, reg, tree, people, users):
    issued(reg, [person_line(people.tran_hao), unit_line(tree.MAY)])
    client = client_for(users.grassroots_officer)
    url = reverse("orgs:unit-detail", args=[tree.MAY.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    body = response.content.decode()
    assert (
        'data-testid="unit-rewards"' in body
        and "Trần Trung Hào" in body
        and "Tập thể lao động tiên tiến" in body
    )
    issued(reg, [person_line(p, award="cstd-co-so") for p in (people.nguyen_dao, people.le_duc)])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries) <= UNIT_PAGE_QUERY_BUDGET
