"""The rewards API: the money with its basis, decisions, the permanent record; scoped like the pages."""

from __future__ import annotations

import pytest

from thidua.rewards import actions
from thidua.rewards.models import AwardRecord

from .builders import D, draft, issued, person_line, register, unit_line

pytestmark = pytest.mark.django_db


def test_money_of_lao_dong_tien_tien_at_the_end_of_2017(client_for, users):
    response = client_for(users.grassroots_officer).get(
        "/api/v1/rewards/money/?code=lao-dong-tien-tien&collective=false&decided=2017-12-20"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["amount"], data["multiplier"], data["base_salary"]) == (390_000, 30, 1_300_000)
    assert "Nghị định 91/2017/NĐ-CP" in data["citation"] and "47/2017" in data["citation"]


def test_money_of_a_collective_title(client_for, users):
    data = (
        client_for(users.outsider)
        .get("/api/v1/rewards/money/?code=tt-ld-tien-tien&collective=true&decided=2017-12-20")
        .json()
    )
    assert data["amount"] == 1_040_000


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("code=khong-co&decided=2017-12-20", "Không có danh hiệu, hình thức khen thưởng mã “khong-co” áp dụng ngày 20/12/2017."),
        ("code=tt-ld-tien-tien&collective=false&decided=2017-12-20", "“Tập thể lao động tiên tiến” không có hệ số"),
    ],
)  # fmt: skip
def test_money_refuses_in_vietnamese(client_for, users, query, message):
    response = client_for(users.outsider).get(f"/api/v1/rewards/money/?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_money_without_a_date_is_422(client_for, users):
    assert client_for(users.outsider).get("/api/v1/rewards/money/?code=lao-dong-tien-tien").status_code == 422


def test_money_needs_a_caller(client):
    assert client.get("/api/v1/rewards/money/?code=lao-dong-tien-tien&decided=2017-12-20").status_code == 401


def test_decisions_are_listed_with_totals_in_scope(client_for, tree, people, users):
    reg = register(tree.BT)
    decision = issued(reg, [person_line(people.tran_hao), unit_line(tree.MAY)])
    draft(register(tree.TV, symbol="QĐ-LĐLĐ"), [person_line(people.pham_binh)])
    data = client_for(users.district_leader).get("/api/v1/rewards/decisions/").json()
    assert data["count"] == 0  # the province's decisions are not the district's to read
    data = client_for(users.province_officer).get("/api/v1/rewards/decisions/?year=2017").json()
    assert [(d["id"], d["reference"], d["line_count"], d["total"]) for d in data["items"]] == [
        (decision.pk, "1/QĐ-LĐLĐ", 2, 1_430_000)
    ]


def test_a_decision_detail_gives_each_line_money_basis(client_for, tree, people, users):
    decision = issued(register(tree.BT), [person_line(people.tran_hao, reason="Hoàn thành xuất sắc")],
                      legal_bases="Căn cứ Luật Thi đua, Khen thưởng\nCăn cứ Điều lệ Công đoàn Việt Nam")  # fmt: skip
    data = client_for(users.province_leader).get(f"/api/v1/rewards/decisions/{decision.pk}/").json()
    assert data["legal_bases"] == ["Căn cứ Luật Thi đua, Khen thưởng", "Căn cứ Điều lệ Công đoàn Việt Nam"]
    [line] = data["lines"]
    assert (line["name"], line["amount"], line["multiplier"], line["base_salary"], line["revoked"]) == (
        "Trần Trung Hào", 390_000, 30, 1_300_000, False)  # fmt: skip
    assert client_for(users.outsider).get(f"/api/v1/rewards/decisions/{decision.pk}/").status_code == 404


def test_records_of_a_person_and_of_a_unit(client_for, tree, people, users):
    issued(register(tree.BT), [person_line(people.tran_hao), unit_line(tree.MAY)])
    actions.revoke_award(AwardRecord.objects.get(unit=tree.MAY), by=None, reason="error", revoked_on=D(2018, 1, 5),
                         reference="3/QĐ-LĐLĐ ngày 05/01/2018")  # fmt: skip
    client = client_for(users.grassroots_officer)  # the grassroots union reads what its people received
    [record] = client.get(f"/api/v1/rewards/people/{people.tran_hao.pk}/records/").json()["items"]
    assert (record["award_code"], record["decision"], record["amount"], record["issuer"]) == (
        "lao-dong-tien-tien", "1/QĐ-LĐLĐ", 390_000, "Liên đoàn Lao động tỉnh Bến Tre")  # fmt: skip
    [unit_record] = client.get(f"/api/v1/rewards/units/{tree.MAY.pk}/records/").json()["items"]
    assert (unit_record["revoked"], unit_record["revocation"]) == (True, "3/QĐ-LĐLĐ ngày 05/01/2018")
    people_records = client.get(f"/api/v1/rewards/units/{tree.MAY.pk}/records/?people=true").json()["items"]
    assert [r["person_id"] for r in people_records] == [people.tran_hao.pk]
    outsider = client_for(users.outsider)
    assert outsider.get(f"/api/v1/rewards/people/{people.tran_hao.pk}/records/").status_code == 404
