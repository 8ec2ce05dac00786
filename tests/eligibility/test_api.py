"""GET /api/v1/eligibility/: the verdict with its reasons and citations, scoped like the pages."""

import pytest

from thidua.eligibility.models import TaskRating

from .records import record, registered

pytestmark = pytest.mark.django_db


def test_verdict_of_a_person(client_for, users, people, tree):
    registered(tree.MAY, 2026, [people.tran_hao], code="cstd-co-so")
    record("lao-dong-tien-tien", 2026, person=people.tran_hao)
    TaskRating.objects.create(person=people.tran_hao, unit=tree.MAY, year=2026, rating="excellent")
    response = client_for(users.province_officer).get(
        f"/api/v1/eligibility/?person={people.tran_hao.pk}&award=cstd-co-so&year=2026"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["outcome"], data["award"]["code"], data["nominee"]["kind"]) == (
        "eligible",
        "cstd-co-so",
        "person",
    )
    any_of = next(r for r in data["reasons"] if r["check"] == "prerequisite:any_of")
    assert (any_of["citation"], any_of["mark"]) == ("Nghị định 152/2025/NĐ-CP, Điều 50", "VERIFIED")


def test_verdict_of_a_collective(client_for, users, tree):
    data = (
        client_for(users.district_leader)
        .get(f"/api/v1/eligibility/?unit={tree.MAY.pk}&award=tt-ld-tien-tien&year=2018")
        .json()
    )
    assert data["nominee"]["kind"] == "unit"
    assert data["outcome"] in ("not_eligible", "needs_judgement")


def test_outsider_gets_404_and_bad_queries_422(client_for, users, people):
    client = client_for(users.outsider)
    assert (
        client.get(f"/api/v1/eligibility/?person={people.tran_hao.pk}&award=cstd-co-so&year=2026").status_code
        == 404
    )
    assert client.get("/api/v1/eligibility/?award=cstd-co-so&year=2026").status_code == 422
    assert (
        client.get(f"/api/v1/eligibility/?person={people.pham_binh.pk}&award=khong-co&year=2026").status_code
        == 404
    )
