"""GET /api/v1/catalog/: the catalog of a date with its base salary, the federation's layer only for its readers."""

from django.utils import timezone

from thidua.api import actions as api_actions

from .builders import federation_layer


def _items(body) -> dict:
    return {item["code"]: item for item in body["items"]}


def test_catalog_of_a_day_with_the_base_salary_in_force(client_for, users):
    body = client_for(users.grassroots_officer).get("/api/v1/catalog/?on=2026-07-01").json()
    assert body["on"] == "2026-07-01"
    assert body["base_salary"] == {"amount": 2_530_000, "valid_from": "2026-07-01",
                                   "instrument": "Nghị định 161/2026/NĐ-CP ngày 15/5/2026, Điều 3", "mark": "VERIFIED"}  # fmt: skip
    items = _items(body)
    ldtt = items["lao-dong-tien-tien"]
    assert (ldtt["name"], ldtt["kind"], ldtt["recipient"], ldtt["multiplier_individual"], ldtt["amount_individual"]) == (
        "Lao động tiên tiến", "title", "individual", 30, 760_000)  # fmt: skip
    cstd = items["cstd-co-so"]
    assert (cstd["vote_threshold_percent"], cstd["vote_base"], cstd["quotas"], cstd["citation"]) == (
        80, "total", [], "Nghị định 152/2025/NĐ-CP, Điều 50")  # fmt: skip
    assert cstd["mark"] == "UNVERIFIED"
    assert cstd["unverified_fields"] == ["vote_threshold_percent", "quotas"]
    assert items["bang-khen-ttg"]["amount_collective"] == 17_710_000


def test_catalog_of_2017_has_the_cap_and_its_citation(client_for, users):
    items = _items(client_for(users.province_officer).get("/api/v1/catalog/?on=2017-12-31").json())
    cstd = items["cstd-co-so"]
    assert cstd["quotas"] == [{"percent": 15, "of": "lao-dong-tien-tien", "per": "đơn vị xét tặng, mỗi năm"}]
    assert [r["regulation"] for r in cstd["rules"]] == ["91/2017/NĐ-CP"]
    assert items["lao-dong-tien-tien"]["amount_individual"] == 390_000


def test_the_federation_layer_for_its_readers_only(client_for, users, tree):
    federation_layer(tree.BT, quotas=[{"percent": 10, "of": "lao-dong-tien-tien"}])
    url = f"/api/v1/catalog/?on=2018-12-31&federation={tree.BT.pk}"
    body = client_for(users.grassroots_officer).get(url).json()
    assert body["federation_id"] == tree.BT.pk
    assert _items(body)["cstd-co-so"]["quotas"] == [{"percent": 10, "of": "lao-dong-tien-tien"}]
    assert client_for(users.outsider).get(url).status_code == 404
    plain = client_for(users.outsider).get("/api/v1/catalog/?on=2018-12-31").json()
    assert _items(plain)["cstd-co-so"]["quotas"][0]["percent"] == 15


def test_catalog_by_token_and_not_without(client, users):
    assert client.get("/api/v1/catalog/").status_code == 401
    _, key = api_actions.create_api_token(users.outsider, by=users.outsider, name="k")
    response = client.get("/api/v1/catalog/?on=2026-07-01", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["base_salary"]["amount"] == 2_530_000


def test_catalog_defaults_to_today(client_for, users):
    body = client_for(users.outsider).get("/api/v1/catalog/").json()
    assert body["on"] == timezone.localdate().isoformat()
