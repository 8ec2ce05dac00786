"""The council pages: scoping by relation, the session page's queries, the ballot and receipt pages, the
minutes and the results summary, the unit panel."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.councils import actions
from thidua.councils.models import Ballot, Choice, Council, Session, VoteCast
from thidua.orgs import actions as org_actions

from .builders import award, council_of, session_of


@pytest.fixture
def district(tree, people):
    """A council of LĐLĐ Châu Thành with 3 members, a session with one item, voting open."""
    council, members = council_of(tree.CT, 3)
    session, items = session_of(
        council, members, items=[{"person": people.tran_hao, "award": award("cstd-co-so")}]
    )
    return council, members, session, items


def sibling_user(tree):
    user = get_user_model().objects.create_user(username="tpbt_officer", password="x")
    org_actions.grant_role(user, tree.TPBT, "officer", by=None)
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [("district_leader", 200), ("province_officer", 200), ("admin", 200), ("grassroots_officer", 404),
     ("sibling", 404), ("outsider", 404)],
)  # fmt: skip
def test_council_and_session_pages_by_relation(client_for, users, tree, district, who, status):
    """Own unit, parent, ancestor see the district's council; a child, a sibling and an outsider get 404."""
    council, _members, session, items = district
    user = sibling_user(tree) if who == "sibling" else getattr(users, who)
    client = client_for(user)
    for url in (reverse("councils:council-detail", args=[council.pk]),
                reverse("councils:session-detail", args=[session.pk]),
                reverse("councils:council-list", args=[tree.CT.pk]),
                reverse("councils:session-receipt", args=[session.pk]),
                reverse("councils:session-minutes", args=[session.pk, "docx"])):  # fmt: skip
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(
    ("who", "status"), [("grassroots_officer", 404), ("sibling", 404), ("outsider", 404)]
)
def test_writes_from_outside_are_404_and_change_nothing(client_for, users, tree, district, who, status):
    council, members, session, items = district
    user = sibling_user(tree) if who == "sibling" else getattr(users, who)
    client = client_for(user)
    assert client.post(reverse("councils:session-open", args=[session.pk])).status_code == status
    assert (
        client.post(
            reverse("councils:member-create", args=[council.pk]),
            {"person": members[0].person_id, "role": "member"},
        ).status_code
        == status
    )
    assert (
        client.post(
            reverse("councils:council-create", args=[tree.CT.pk]), {"term_from": "01/01/2024"}
        ).status_code
        == status
    )
    session.refresh_from_db()
    assert session.is_planned and Council.objects.count() == 1


def test_a_council_member_role_reads_but_does_not_run(client_for, users, tree, district):
    council, members, session, items = district
    client = client_for(users.council_member)  # role "council" on BT: reads, no seat here
    assert client.get(reverse("councils:session-detail", args=[session.pk])).status_code == 200
    assert client.post(reverse("councils:session-open", args=[session.pk])).status_code == 403
    assert client.get(reverse("councils:session-ballot", args=[session.pk])).status_code == 404


def test_officer_sets_up_a_council_through_the_pages(client_for, users, tree, people):
    client = client_for(users.district_leader)
    response = client.post(reverse("councils:council-create", args=[tree.CT.pk]), {
        "term_from": "01/01/2024", "term_to": "31/12/2028", "decision_number": "12/QĐ-LĐLĐ", "quorum_numerator": 2,
        "quorum_denominator": 3, "default_vote_percent": 50, "default_vote_base": "total",
        "default_recused_leave_base": "on"})  # fmt: skip
    council = Council.objects.get()
    assert (
        response.status_code == 302
        and council.name == "Hội đồng Thi đua – Khen thưởng Liên đoàn Lao động huyện Châu Thành"
    )
    found = client.get(reverse("councils:member-create", args=[council.pk]), {"q": "tran trung hao"})
    assert "Trần Trung Hào" in found.content.decode()
    response = client.post(
        reverse("councils:member-create", args=[council.pk]),
        {"person": people.tran_hao.pk, "role": "chair", "unit": tree.CT.pk, "from_date": "01/01/2024"},
    )
    assert response.status_code == 302
    member = council.members.get()
    assert (member.role, member.unit) == ("chair", tree.CT)
    bad = client.post(
        reverse("councils:member-update", args=[council.pk, member.pk]),
        {"role": "chair", "from_date": "01/01/2024", "to_date": "01/01/2023"},
    )
    assert bad.status_code == 400 and "Ngày kết thúc không thể trước ngày bắt đầu" in bad.content.decode()


def test_session_flow_through_the_pages(client_for, users, tree, people):
    council, members = council_of(tree.BT, 3, member_units=[tree.BT, tree.BT, tree.MAY])
    secretary = client_for(members[1].user)
    response = secretary.post(reverse("councils:session-create", args=[council.pk]),
                              {"held_on": "20/12/2024", "place": "Hội trường", "voting_mode": "electronic"})  # fmt: skip
    session = Session.objects.get()
    assert response.status_code == 302
    secretary.post(reverse("councils:item-create", args=[session.pk]),
                   {"person": people.tran_hao.pk, "award": award("cstd-co-so").pk})  # fmt: skip
    secretary.post(reverse("councils:item-create", args=[session.pk]), {"collective": tree.DUA.pk})
    page = secretary.get(reverse("councils:session-detail", args=[session.pk])).content.decode()
    assert "Xung đột lợi ích" in page  # the member from MAY, flagged before the vote
    secretary.post(reverse("councils:session-attendance", args=[session.pk]),
                   {f"status-{m.pk}": "present" for m in members})  # fmt: skip
    assert secretary.post(reverse("councils:session-open", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.is_voting
    items = list(session.items.all())
    # each member votes on their own ballot page
    for member in members:
        client = client_for(member.user)
        page = client.get(reverse("councils:session-ballot", args=[session.pk]))
        assert page.status_code == 200
        data = {f"item-{i.pk}": Choice.AGREE for i in items}
        if member == members[2]:
            data.pop(f"item-{items[0].pk}")  # recused: the page offers no choice for it
        response = client.post(reverse("councils:session-ballot", args=[session.pk]), data)
        assert response.status_code == 200, response.content.decode()
        receipt = response.context["receipt"]
        check = client.post(reverse("councils:session-receipt", args=[session.pk]), {"code": receipt})
        assert len(check.context["found"]) == (1 if member == members[2] else 2)
    # a second submission is refused
    again = client_for(members[0].user).post(reverse("councils:session-ballot", args=[session.pk]),
                                             {f"item-{items[0].pk}": Choice.DISAGREE})  # fmt: skip
    assert again.status_code == 400 and Ballot.objects.count() == 5
    assert secretary.post(reverse("councils:session-close", args=[session.pk])).status_code == 302
    page = secretary.get(reverse("councils:session-detail", args=[session.pk])).content.decode()
    assert "Đạt: 2 phiếu đồng ý" in page or "Đạt: 3 phiếu đồng ý" in page
    xlsx = secretary.get(reverse("councils:session-results-export", args=[session.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Đạt" in values
    docx = secretary.get(reverse("councils:session-minutes", args=[session.pk, "docx"]))
    pdf = secretary.get(reverse("councils:session-minutes", args=[session.pk, "pdf"]))
    assert docx.content[:2] == b"PK" and pdf.content[:4] == b"%PDF"
    missing = secretary.post(
        reverse("councils:session-receipt", args=[session.pk]), {"code": "AAAA-BBBB-CCCC-DDDD"}
    )
    assert missing.context["found"] == []


def test_ballot_page_is_404_for_a_non_member(client_for, users, district):
    council, members, session, items = district
    actions.open_voting(session, by=None)
    for user in (users.province_officer, users.admin, users.outsider):
        assert client_for(user).get(reverse("councils:session-ballot", args=[session.pk])).status_code == 404
        assert client_for(user).post(reverse("councils:session-ballot", args=[session.pk]),
                                     {f"item-{items[0].pk}": "agree"}).status_code == 404  # fmt: skip
    assert not VoteCast.objects.exists()


def _session_page_queries(client, session) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("councils:session-detail", args=[session.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_session_page_queries_do_not_grow_with_members_and_items(client_for, users, tree, people):
    client = client_for(users.province_officer)
    small_council, small_members = council_of(tree.BT, 2)
    small, _ = session_of(
        small_council, small_members, items=[{"person": people.vo_hong, "award": award("cstd-co-so")}]
    )
    actions.open_voting(small, by=None)
    actions.cast_ballots(small, by=small_members[0].user, choices={small.items.get().pk: "agree"})
    actions.close_voting(small, by=None)
    big_council, big_members = council_of(
        tree.BT, 12, member_units=[tree.BT] * 9 + [tree.MAY, tree.DUA, tree.THPT]
    )
    big, big_items = session_of(big_council, big_members, items=[
        {"person": p, "award": award("cstd-co-so")} for p in (people.tran_hao, people.nguyen_dao, people.vo_hong,
                                                              people.huynh_mai)] + [
        {"collective": u, "award": award("tt-ld-xuat-sac")} for u in (tree.MAY, tree.DUA, tree.THPT)])  # fmt: skip
    actions.open_voting(big, by=None)
    for m in big_members[:6]:
        allowed = [i for i in big_items if not i.recusals.filter(member=m).exists()]
        actions.cast_ballots(big, by=m.user, choices={i.pk: "agree" for i in allowed})
    actions.close_voting(big, by=None)
    one, many = _session_page_queries(client, small), _session_page_queries(client, big)
    assert one == many
    assert many <= 20


def test_council_list_and_detail_queries_do_not_grow(client_for, users, tree):
    client = client_for(users.province_officer)
    small, _ = council_of(tree.THPT, 1)
    client.get(reverse("councils:council-detail", args=[small.pk]))  # the login's own first queries
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("councils:council-detail", args=[small.pk]))
    big, _ = council_of(tree.DUA, 10)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("councils:council-detail", args=[big.pk]))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_unit_panel_shows_the_council_and_the_next_session(client_for, users, tree, district):
    council, members, session, items = district
    page = (
        client_for(users.province_officer)
        .get(reverse("orgs:unit-detail", args=[tree.CT.pk]))
        .content.decode()
    )
    assert 'data-testid="unit-council"' in page and council.name in page and "Phiên họp số 1" in page
    officer = client_for(users.grassroots_officer).get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
    assert "Thành lập Hội đồng" in officer.content.decode()  # no council yet: the officer may set one up
    reader = Client()
    reader.force_login(users.council_member)
    page = reader.get(reverse("orgs:unit-detail", args=[tree.MAY.pk])).content.decode()
    assert 'data-testid="unit-council"' not in page  # no council, and a reader may not set one up


def test_session_update_and_council_archive(client_for, users, tree, district):
    council, members, session, items = district
    client = client_for(users.district_leader)
    response = client.post(reverse("councils:session-update", args=[session.pk]),
                           {"held_on": "21/12/2024", "place": "Phòng họp số 2", "voting_mode": "paper"})  # fmt: skip
    session.refresh_from_db()
    assert response.status_code == 302 and (session.place, session.voting_mode) == ("Phòng họp số 2", "paper")
    outside = client_for(users.grassroots_officer).post(
        reverse("councils:council-archive", args=[council.pk])
    )
    assert outside.status_code == 404
    assert (
        client_for(users.district_leader)
        .post(reverse("councils:council-archive", args=[council.pk]))
        .status_code
        == 302
    )
    council.refresh_from_db()
    assert council.archived_at is not None
    assert client.get(reverse("councils:council-detail", args=[council.pk])).status_code == 404
