"""The councils in the API: councils with members, sessions with results — never ballots; scoped like the pages."""

from __future__ import annotations

import json

from thidua.councils import actions
from thidua.councils.models import Ballot, Choice

from .builders import award, council_of, session_of


def _closed_session(tree, people):
    council, members = council_of(tree.CT, 3, member_units=[tree.CT, tree.CT, tree.MAY])
    session, items = session_of(council, members, items=[
        {"person": people.tran_hao, "award": award("cstd-co-so"), "source": "proposals.nomination:7"},
        {"collective": tree.THPT, "award": award("tt-ld-xuat-sac")}])  # fmt: skip
    actions.open_voting(session, by=None)
    actions.cast_ballots(
        session, by=members[0].user, choices={items[0].pk: Choice.AGREE, items[1].pk: Choice.AGREE}
    )
    actions.cast_ballots(session, by=members[1].user, choices={items[0].pk: Choice.DISAGREE})
    actions.close_voting(session, by=None)
    return council, members, session, items


def test_council_list_and_detail_are_scoped(client_for, tree, people, users):
    council, members, session, items = _closed_session(tree, people)
    council_of(tree.TV, 1)  # another branch
    data = client_for(users.district_leader).get("/api/v1/councils/").json()
    assert [c["id"] for c in data["items"]] == [council.pk]
    assert data["items"][0]["member_count"] == 3 and data["items"][0]["quorum"] == "2/3"
    detail = client_for(users.district_leader).get(f"/api/v1/councils/{council.pk}/").json()
    assert [m["role"] for m in detail["members"]][0] == "chair"
    assert [s["id"] for s in detail["sessions"]] == [session.pk]
    for who in ("grassroots_officer", "outsider"):
        assert client_for(getattr(users, who)).get(f"/api/v1/councils/{council.pk}/").status_code == 404
        assert (
            client_for(getattr(users, who)).get(f"/api/v1/councils/sessions/{session.pk}/").status_code == 404
        )
    assert client_for(users.outsider).get(f"/api/v1/councils/?unit={tree.CT.pk}").status_code == 404


def test_session_gives_results_and_never_ballots(client_for, tree, people, users):
    council, members, session, items = _closed_session(tree, people)
    response = client_for(users.province_officer).get(f"/api/v1/councils/sessions/{session.pk}/")
    data = response.json()
    first, second = data["items"]
    assert first["source"] == "proposals.nomination:7"
    assert first["recused_member_ids"] == [members[2].pk]
    assert (first["yes_count"], first["no_count"], first["base_count"], first["voted_count"]) == (1, 1, 3, 2)
    assert second["result"] in ("passed", "not_passed") and second["result_note"]
    text = json.dumps(data)
    for ballot in Ballot.objects.all():
        assert str(ballot.pk) not in text and ballot.receipt_hash not in text
    assert "ballot" not in text.lower() and "choice" not in text


def test_counts_are_hidden_while_voting(client_for, tree, people, users):
    council, members = council_of(tree.CT, 3)
    session, items = session_of(council, members, items=[{"person": people.tran_hao}])
    actions.open_voting(session, by=None)
    actions.cast_ballots(session, by=members[0].user, choices={items[0].pk: Choice.AGREE})
    [item] = (
        client_for(users.province_officer).get(f"/api/v1/councils/sessions/{session.pk}/").json()["items"]
    )
    assert (item["yes_count"], item["voted_count"], item["result"]) == (None, 1, "pending")
