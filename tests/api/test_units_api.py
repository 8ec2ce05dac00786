"""GET /api/v1/units/...: the units a user may see, searched without diacritics, filtered, paged; totals."""

import datetime

import pytest

from thidua.orgs import actions
from thidua.orgs.models import Unit

FOUNDED = datetime.date(2015, 1, 1)


def codes(response):
    return [u["code"] for u in response.json()["items"]]


def add_grassroots(parent_code: str, count: int) -> list[Unit]:
    parent = Unit.objects.get(code=parent_code)
    return [
        actions.create_unit(
            Unit.objects.get(pk=parent.pk),
            by=None,
            code=f"{parent_code}-{i:03}",
            name=f"Công đoàn cơ sở Xí nghiệp {i}",
            level="grassroots",
            sector="private",
            founded_on=FOUNDED,
        )  # fmt: skip
        for i in range(count)
    ]


# --- list -----------------------------------------------------------------------------------------------------


def test_unit_list_holds_the_users_subtree_in_tree_order(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/units/")
    assert response.status_code == 200
    assert response.json()["count"] == 6
    assert codes(response) == ["BT", "CT", "MAY", "THPT", "TPBT", "DUA"]


def test_unit_list_of_a_grassroots_officer_is_their_union_only(client_for, users):
    response = client_for(users.grassroots_officer).get("/api/v1/units/")
    assert codes(response) == ["MAY"]
    assert response.json()["items"][0]["parent_id"] is None  # CT is outside their scope


def test_unit_list_item_carries_the_units_facts(client_for, tree, users):
    response = client_for(users.province_officer).get("/api/v1/units/?q=may viet tien")
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": tree.MAY.pk,
                "code": "MAY",
                "name": "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre",
                "short_name": "CĐCS May Việt Tiến",
                "level": "grassroots",
                "level_label": "Công đoàn cơ sở",
                "sector": "fdi",
                "sector_label": "Doanh nghiệp có vốn đầu tư nước ngoài",
                "parent_id": tree.CT.pk,
                "province_code": "",
                "ward_code": "",
                "founded_on": "2015-01-01",
                "dissolved_on": None,
                "is_active": True,
                "member_count": 2,
                "worker_count": 3,
                "direct_worker_count": 2,
            }
        ],
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("chau thanh", ["CT", "THPT"]),
        ("CHÂU THÀNH", ["CT", "THPT"]),
        ("dua ben tre", ["DUA"]),
        ("lien doan lao dong", ["BT", "CT", "TPBT"]),  # đ found by d
        ("ldld tp", ["TPBT"]),  # the short name "LĐLĐ TP Bến Tre"
        ("thpt", ["THPT"]),  # the code
        ("giay", []),  # another branch
        ("100%", []),  # LIKE and GLOB wildcards are searched as text
        ("ldld_tp", []),
        ("ldld?tp", []),
        ("ldld*tp", []),
        ("[bt]", []),
    ],
)
def test_unit_search_ignores_diacritics_and_case(client_for, users, q, expected):
    assert codes(client_for(users.province_officer).get("/api/v1/units/", {"q": q})) == expected


def test_outsider_finds_their_unit_by_search(client_for, users):
    assert codes(client_for(users.outsider).get("/api/v1/units/", {"q": "giày trà vinh"})) == ["GIAY"]
    assert codes(client_for(users.outsider).get("/api/v1/units/", {"q": "chau thanh"})) == []


def test_unit_list_filters_by_level_sector_and_parent(client_for, tree, users):
    client = client_for(users.province_officer)
    assert codes(client.get("/api/v1/units/?level=grassroots")) == ["MAY", "THPT", "DUA"]
    assert codes(client.get("/api/v1/units/?level=grassroots&sector=public_service")) == ["THPT"]
    assert codes(client.get(f"/api/v1/units/?parent={tree.BT.pk}")) == ["CT", "TPBT"]
    assert codes(client.get(f"/api/v1/units/?parent={tree.CT.pk}&sector=fdi")) == ["MAY"]


def test_unit_list_rejects_an_unknown_level(client_for, users):
    response = client_for(users.province_officer).get("/api/v1/units/?level=village")
    assert response.status_code == 422


def test_unit_list_filter_on_another_branchs_parent_is_404(client_for, tree, users):
    assert client_for(users.province_officer).get(f"/api/v1/units/?parent={tree.TV.pk}").status_code == 404


def test_unit_list_filters_active_and_inactive_units(client_for, tree, users):
    for person in tree.DUA.people.all():
        actions.end_membership(person, by=None, on=datetime.date(2024, 1, 1), reason="retired")
    actions.dissolve_unit(Unit.objects.get(code="DUA"), by=None, effective_on=datetime.date(2024, 6, 30))
    client = client_for(users.province_officer)
    assert codes(client.get("/api/v1/units/?active=true")) == ["BT", "CT", "MAY", "THPT", "TPBT"]
    assert codes(client.get("/api/v1/units/?active=false")) == ["DUA"]
    assert client.get("/api/v1/units/").json()["count"] == 6


def test_unit_list_pages_with_limit_and_offset(client_for, users):
    client = client_for(users.province_officer)
    response = client.get("/api/v1/units/?limit=2&offset=2")
    assert response.json()["count"] == 6
    assert codes(response) == ["MAY", "THPT"]
    assert codes(client.get("/api/v1/units/?limit=2&offset=6")) == []


def test_unit_list_limit_is_bounded(client_for, users):
    client = client_for(users.province_officer)
    assert client.get("/api/v1/units/?limit=501").status_code == 422
    assert client.get("/api/v1/units/?limit=0").status_code == 422
    assert client.get("/api/v1/units/?offset=-1").status_code == 422


def test_unit_list_queries_do_not_grow_with_rows(client_for, users, django_assert_num_queries):
    client = client_for(users.province_officer)
    tpbt = Unit.objects.get(code="TPBT")
    # session, user, scope, the parent filter, count, rows, parents
    with django_assert_num_queries(8):
        one = client.get(f"/api/v1/units/?parent={tpbt.pk}")
    assert codes(one) == ["DUA"]
    add_grassroots("TPBT", 40)
    with django_assert_num_queries(8):
        many = client.get(f"/api/v1/units/?parent={tpbt.pk}&limit=500")
    assert many.json()["count"] == 41
    assert len(many.json()["items"]) == 41


# --- detail ---------------------------------------------------------------------------------------------------


def test_unit_detail_has_parent_children_count_and_subtree_totals(client_for, tree, users):
    response = client_for(users.province_officer).get(f"/api/v1/units/{tree.CT.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["parent"] == {"id": tree.BT.pk, "code": "BT", "name": "Liên đoàn Lao động tỉnh Bến Tre"}
    assert data["parent_id"] == tree.BT.pk
    assert data["children_count"] == 2
    assert data["totals"] == {"grassroots": 2, "members": 3, "workers": 4, "direct_workers": 2}
    assert (data["code"], data["level"], data["address"], data["workforce_size"]) == ("CT", "upper", "", None)


def test_unit_detail_hides_a_parent_outside_the_scope(client_for, tree, users):
    data = client_for(users.province_officer).get(f"/api/v1/units/{tree.BT.pk}/").json()
    assert (data["parent"], data["parent_id"]) == (None, None)
    assert data["totals"] == {"grassroots": 3, "members": 4, "workers": 5, "direct_workers": 3}


def test_unit_detail_of_another_branch_is_404(client_for, tree, users):
    assert client_for(users.province_officer).get(f"/api/v1/units/{tree.GIAY.pk}/").status_code == 404
    assert client_for(users.outsider).get(f"/api/v1/units/{tree.GIAY.pk}/").status_code == 200


def test_unit_detail_of_a_unit_that_does_not_exist_is_404(client_for, users):
    assert client_for(users.admin).get("/api/v1/units/999999/").status_code == 404
    assert client_for(users.admin).get("/api/v1/units/abc/").status_code == 404


# --- children -------------------------------------------------------------------------------------------------


def test_unit_children_carry_their_subtree_totals(client_for, tree, users):
    response = client_for(users.province_officer).get(f"/api/v1/units/{tree.BT.pk}/children/")
    assert response.status_code == 200
    assert [(c["code"], c["parent_id"], c["totals"]) for c in response.json()] == [
        ("CT", tree.BT.pk, {"grassroots": 2, "members": 3, "workers": 4, "direct_workers": 2, "units": 3}),
        ("TPBT", tree.BT.pk, {"grassroots": 1, "members": 1, "workers": 1, "direct_workers": 1, "units": 2}),
    ]


def test_unit_children_of_another_branch_are_404(client_for, tree, users):
    assert client_for(users.district_leader).get(f"/api/v1/units/{tree.LD.pk}/children/").status_code == 404
    assert client_for(users.outsider).get(f"/api/v1/units/{tree.LD.pk}/children/").status_code == 200


def test_unit_children_queries_do_not_grow_with_rows(client_for, users, django_assert_num_queries):
    client = client_for(users.province_officer)
    tpbt = Unit.objects.get(code="TPBT")
    # session, user, scope, the unit, children (leaves: their totals are their own figures, no query for sums below)
    with django_assert_num_queries(6):
        one = client.get(f"/api/v1/units/{tpbt.pk}/children/")
    assert [c["code"] for c in one.json()] == ["DUA"]
    add_grassroots("TPBT", 30)
    with django_assert_num_queries(6):
        many = client.get(f"/api/v1/units/{tpbt.pk}/children/")
    assert len(many.json()) == 31
