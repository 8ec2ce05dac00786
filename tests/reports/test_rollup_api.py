"""The roll-up, completeness and late routes of the API: the page's figures, scoped (404 for another branch)."""

import pytest
from django.utils import timezone

from tests.reports import rollup_builders as build
from thidua.api import actions as api_actions

pytestmark = pytest.mark.django_db


def bearer(user):
    _, secret = api_actions.create_api_token(user, by=user, name="Thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_rollup_route_gives_each_rule(client, tree, users):
    season = build.standard_season(tree)
    response = client.get(f"/api/v1/report-forms/{season.form.pk}/rollup/?unit={tree.BT.pk}",
                          **bearer(users.province_officer))  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    total = {f["indicator"]: f for f in body["total"]["figures"]}
    assert total["R-MEM"]["value"] == 110
    assert (total["R-RATE"]["value"], total["R-RATE"]["numerator"], total["R-RATE"]["denominator"]) == (
        50,
        110,
        220,
    )
    assert (total["R-NEW"]["target"], total["R-NEW"]["percent_of_target"]) == (70, 50)
    assert (total["R-MONEY"]["value"], total["R-MONEY"]["approximate"]) == (520_000_000, True)
    assert total["R-AWARD"]["value"] == 10
    assert "R-TEXT" not in total
    assert [r["unit"]["code"] for r in body["by_child"]] == ["CT", "TPBT"]
    assert body["discrepancies"] == [{"unit": {"id": tree.CT.pk, "code": "CT", "name": tree.CT.name},
                                      "indicator": "R-MEM", "reported": 115, "children": 110, "difference": 5}]  # fmt: skip
    assert body["tree_day"] == "2017-06-30"


def test_completeness_and_late_routes(client, tree, users):
    season = build.standard_season(tree)
    headers = bearer(users.province_officer)
    body = client.get(f"/api/v1/report-forms/{season.form.pk}/completeness/", **headers).json()
    assert (body["total"]["expected"], body["total"]["submitted"], body["total"]["approved"]) == (5, 3, 3)
    assert body["unit"]["code"] == "BT"
    late = client.get(f"/api/v1/report-forms/{season.form.pk}/late/?limit=1", **headers).json()
    assert late["count"] == 2
    expected_days = (timezone.localdate() - season.form.due_on).days
    assert [(i["unit"]["code"], i["status"], i["days_late"]) for i in late["items"]] == [
        ("TPBT", "not_started", expected_days)
    ]


@pytest.mark.parametrize("route", ["rollup", "completeness", "late"])
def test_another_branch_gets_404(client, tree, users, route):
    season = build.standard_season(tree)
    headers = bearer(users.outsider)
    assert client.get(f"/api/v1/report-forms/{season.form.pk}/{route}/", **headers).status_code == 404
    assert (
        client.get(f"/api/v1/report-forms/{season.form.pk}/{route}/?unit={tree.BT.pk}", **headers).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/report-forms/{season.form.pk}/{route}/?unit={tree.TV.pk}", **headers).status_code
        == 404
    )


def test_district_sees_its_own_subtree_only(client, tree, users):
    season = build.standard_season(tree)
    headers = bearer(users.district_leader)
    body = client.get(f"/api/v1/report-forms/{season.form.pk}/rollup/", **headers).json()
    assert body["unit"]["code"] == "CT"
    assert (
        client.get(f"/api/v1/report-forms/{season.form.pk}/rollup/?unit={tree.BT.pk}", **headers).status_code
        == 404
    )
