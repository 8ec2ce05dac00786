"""The fund in the API: the ledger with its totals, the grants, the report; scoped like the pages."""

from __future__ import annotations

import pytest

from .builders import contribution, house

pytestmark = pytest.mark.django_db


def test_entries_route_lists_the_scope_with_totals(client_for, tree, users):
    contribution(tree.CT, 5_000_000)
    house(tree.MAY, 2_000_000)
    contribution(tree.GIAY, 1_000_000)
    data = client_for(users.district_leader).get("/api/v1/fund/entries/").json()
    assert data["count"] == 2
    assert (data["contributions"], data["grants"], data["balance"]) == (5_000_000, 2_000_000, 3_000_000)
    assert {e["unit"]["id"] for e in data["items"]} == {tree.CT.pk, tree.MAY.pk}


def test_entries_route_answers_404_for_a_unit_outside(client_for, tree, users):
    assert (
        client_for(users.district_leader).get(f"/api/v1/fund/entries/?unit={tree.GIAY.pk}").status_code == 404
    )


def test_grants_route_gives_places_and_money(client_for, tree, users):
    grant = house(tree.MAY, 45_000_000)
    [item] = client_for(users.province_officer).get("/api/v1/fund/grants/").json()["items"]
    assert (item["id"], item["paid"], item["place"], item["kind"]) == (
        grant.pk,
        45_000_000,
        grant.place,
        "house_new",
    )


def test_report_route_sums_by_upper_level_union(client_for, tree, users):
    contribution(tree.MAY, 5_000_000)
    house(tree.MAY, 2_000_000)
    data = client_for(users.province_officer).get("/api/v1/fund/report/?year=2017").json()
    assert [(r["unit"]["id"], r["balance"], r["houses_new"]) for r in data["rows"]] == [
        (tree.CT.pk, 3_000_000, 1)
    ]
    assert client_for(users.outsider).get("/api/v1/fund/report/?year=2017").json()["rows"] == []
