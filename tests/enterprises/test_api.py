"""The enterprises API: the same scoping and filters as the pages."""

import pytest

from thidua.enterprises import actions

from .builders import D, enterprise

pytestmark = pytest.mark.django_db


def test_the_registry_pipeline_and_inspections_through_the_api(tree, users, client):
    firm = enterprise(tree.CT, name="Công ty TNHH Chế biến Dừa Lương Quới")
    enterprise(tree.TPBT, name="Công ty Cổ phần Đường Bến Tre")
    actions.record_survey(firm, by=None, visited_on=D(2017, 2, 1), officers="A", attitude="supportive")
    actions.record_inspection(by=None, upper_unit=tree.CT, subject_enterprise=firm, kind="joint", held_on=D(2017, 3, 1),
                              topics="Pháp luật lao động", team="Đoàn liên ngành",
                              recommendations=[{"content": "Đóng đủ bảo hiểm xã hội", "responsible": "Giám đốc",
                                                "deadline": D(2017, 6, 1)}])  # fmt: skip
    client.force_login(users.district_leader)
    listed = client.get("/api/v1/enterprises/?q=luong quoi").json()
    assert [e["name"] for e in listed["items"]] == ["Công ty TNHH Chế biến Dừa Lương Quới"]
    assert listed["items"][0]["stage"] == "surveyed"
    assert client.get("/api/v1/enterprises/").json()["count"] == 1
    pipeline = client.get(f"/api/v1/units/{tree.CT.pk}/enterprise-pipeline/?stalled_days=30").json()
    assert {s["stage"]: s["count"] for s in pipeline["stages"]}["surveyed"] == 1
    assert [e["name"] for e in pipeline["stalled"]] == ["Công ty TNHH Chế biến Dừa Lương Quới"]
    overdue = client.get("/api/v1/recommendations/overdue/").json()
    assert [r["content"] for r in overdue["items"]] == ["Đóng đủ bảo hiểm xã hội"]
    assert client.get(f"/api/v1/units/{tree.TPBT.pk}/enterprise-pipeline/").status_code == 404
    assert client.get(f"/api/v1/units/{tree.MAY.pk}/enterprise-pipeline/").status_code == 404
    client.force_login(users.outsider)
    assert client.get(f"/api/v1/enterprises/{firm.pk}/").status_code == 404
    assert client.get("/api/v1/recommendations/overdue/").json()["count"] == 0
