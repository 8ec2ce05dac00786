"""The API's exemplary models, honour boards and the principle's figures: scoped like the pages."""

from __future__ import annotations

import pytest

from thidua.exemplars import actions

from .builders import D, exemplar

pytestmark = pytest.mark.django_db


def test_exemplars_and_their_replications_through_the_api(tree, people, users, client):
    made = exemplar(tree.BT, people.tran_hao, title="Người thợ may sáng tạo")
    actions.record_replication(made, tree.MAY, by=None, since=D(2017, 12, 21), participants=30)
    actions.record_replication(made, tree.DUA, by=None, since=D(2017, 12, 22), benefit=5_000_000)
    exemplar(tree.GIAY, people.pham_binh)
    actions.create_board(tree.BT, by=None, year=2017, published=True)
    client.force_login(users.grassroots_officer)
    listed = client.get("/api/v1/exemplars/").json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "Trần Trung Hào"
    detail = client.get(f"/api/v1/exemplars/{made.pk}/").json()
    assert [r["unit"]["code"] for r in detail["replications"]] == ["MAY"]  # its own unit's only
    boards = client.get("/api/v1/honour-boards/").json()
    assert boards["count"] == 0  # the province's board is not in a grassroots union's scope
    client.force_login(users.province_officer)
    assert client.get("/api/v1/honour-boards/").json()["items"][0]["public_path"] == "/bang-vang/BT/2017/"
    client.force_login(users.outsider)
    assert client.get(f"/api/v1/exemplars/{made.pk}/").status_code == 404


def test_principle_figures_through_the_api(tree, users, client):
    client.force_login(users.province_officer)
    answer = client.get("/api/v1/principle/?year=2017").json()
    assert answer["years"] == [2015, 2016, 2017]
    assert answer["by_year"][2]["total"] == 0 and answer["never_proposed_count"] == 3
    assert client.get("/api/v1/principle/?year=3000").status_code == 422
