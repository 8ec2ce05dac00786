"""/api/v1/plans/, /phases/, /deployment/ and /calendar/: scoped like the pages, 404 outside."""

import datetime

import pytest

from .builders import built_and_issued, draft_plan, issued_plan

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(tree, users):
    return issued_plan(tree.BT, by=users.province_leader)


def test_plan_list_holds_own_and_received_plans(tree, users, client_for, province_plan):
    draft_plan(tree.BT, number=20)
    issued_plan(tree.TV, title="Kế hoạch của Trà Vinh")
    body = client_for(users.province_officer).get("/api/v1/plans/").json()
    assert body["count"] == 2 and [p["number"] for p in body["items"]] == ["20/KH-LĐLĐ", "13/KH-LĐLĐ"]
    body = client_for(users.district_leader).get("/api/v1/plans/?received=true").json()
    assert [(p["number"], p["status"], p["issuer"]["code"]) for p in body["items"]] == [
        ("13/KH-LĐLĐ", "issued", "BT")]  # fmt: skip
    assert client_for(users.outsider).get("/api/v1/plans/").json()["count"] == 1


def test_plan_list_filter_naming_another_branch_is_404(tree, users, client_for):
    assert client_for(users.province_officer).get(f"/api/v1/plans/?issuer={tree.TV.pk}").status_code == 404


def test_plan_list_costs_the_same_queries_for_one_or_many(
    tree, users, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft_plan(tree.BT, number=1)
    client = client_for(users.province_officer)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/plans/")
    for n in range(2, 12):
        draft_plan(tree.BT, number=n)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/plans/").json()["count"] == 11
    assert len(many) == len(one)


def test_plan_detail_holds_the_whole_structure(tree, users, client_for, province_plan):
    body = client_for(users.province_officer).get(f"/api/v1/plans/{province_plan.pk}/").json()
    assert (body["number"], body["kind_label"], body["date"]) == ("13/KH-LĐLĐ", "Kế hoạch", "2017-02-22")
    assert [b["number"] for b in body["legal_bases"]] == ["02/KH-TLĐ", "01/CT-UBND"]
    assert body["phases"][0]["commemorations"][0] == {
        "text": "ngày thành lập Đảng Cộng sản Việt Nam", "ordinal": 87, "expected_ordinal": 87, "consistent": True,
        "is_round": False, "base_date": "1930-02-03", "date": "2017-02-03",
        "catalog_id": body["phases"][0]["commemorations"][0]["catalog_id"]}  # fmt: skip
    assert body["signer"] == {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
                              "name": "Trần Trung Hào"}  # fmt: skip
    assert [r["purpose"] for r in body["recipients"]] == ["bao_cao", "thuc_hien", "luu"]


def test_plan_detail_and_phases_are_404_for_another_branch(tree, users, client_for, province_plan):
    assert client_for(users.outsider).get(f"/api/v1/plans/{province_plan.pk}/").status_code == 404
    assert client_for(users.outsider).get(f"/api/v1/plans/{province_plan.pk}/phases/").status_code == 404


def test_phases_carry_their_status_by_dates(tree, users, client_for, province_plan):
    body = client_for(users.district_leader).get(f"/api/v1/plans/{province_plan.pk}/phases/").json()
    assert [(p["name"], p["start"], p["end"], p["status"], p["report_due"]) for p in body] == [
        ("Đợt 1", "2017-01-01", "2017-08-31", "closed", "2017-09-10"),
        ("Đợt 2", "2017-09-01", "2017-12-31", "closed", "2017-12-15")]  # fmt: skip


def test_deployment_status_with_drill_down(tree, users, client_for, province_plan):
    built_and_issued(province_plan, tree.CT, by=users.district_leader, date=D(2017, 3, 1))
    client = client_for(users.province_officer)
    body = client.get(f"/api/v1/plans/{province_plan.pk}/deployment/").json()
    assert body["summary"] == {"issued": 1, "draft": 0, "none": 1, "total": 2}
    assert [(r["unit"]["code"], r["state"], r["since"]) for r in body["rows"]] == [
        ("CT", "issued", "2017-03-01"), ("TPBT", "none", "2017-02-22")]  # fmt: skip
    body = client.get(f"/api/v1/plans/{province_plan.pk}/deployment/?unit={tree.CT.pk}").json()
    assert [(r["unit"]["code"], r["state"]) for r in body["rows"]] == [("MAY", "none"), ("THPT", "none")]
    assert client.get(f"/api/v1/plans/{province_plan.pk}/deployment/?unit={tree.GIAY.pk}").status_code == 404


def test_deployment_is_for_the_issuers_branch_only(tree, users, client_for, province_plan):
    assert (
        client_for(users.district_leader).get(f"/api/v1/plans/{province_plan.pk}/deployment/").status_code
        == 404
    )
    assert client_for(users.outsider).get(f"/api/v1/plans/{province_plan.pk}/deployment/").status_code == 404


def test_calendar_of_a_year(tree, users, client_for, province_plan):
    body = client_for(users.province_officer).get(f"/api/v1/calendar/?year=2017&unit={tree.BT.pk}").json()
    assert [(p["name"], p["plan"]["number"]) for p in body["phases"]] == [
        ("Đợt 1", "13/KH-LĐLĐ"), ("Đợt 2", "13/KH-LĐLĐ")]  # fmt: skip
    union = next(a for a in body["anniversaries"] if a["date"] == "2017-07-28")
    assert (union["ordinal"], union["is_round"], union["phases"]) == (88, False, ["Đợt 1"])
    invalids = next(a for a in body["anniversaries"] if a["date"] == "2017-07-27")
    assert (invalids["ordinal"], invalids["is_round"], invalids["is_major"]) == (70, True, True)
    assert [d["day"] for d in body["deadlines"]] == ["2017-09-10", "2017-12-15"]


def test_calendar_of_a_unit_of_another_branch_is_404(tree, users, client_for):
    assert client_for(users.province_officer).get(f"/api/v1/calendar/?unit={tree.TV.pk}").status_code == 404


def test_api_needs_authentication(client, province_plan):
    assert client.get("/api/v1/plans/").status_code == 401
