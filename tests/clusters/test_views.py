"""The cluster pages: the list and its export (query counts flat), the score grid (Vietnamese errors naming the
cell, nothing saved), the ranking, the meeting and the proposal, the API — and 404 for a user of another unit."""

from __future__ import annotations

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.clusters import actions
from thidua.clusters.models import Cluster, Meeting, Score
from thidua.orgs import actions as org_actions
from thidua.registrations.models import Award

from .builders import D, cluster, covenant

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_costs_the_same_queries_for_one_or_many_clusters(tree, users, client_for):
    cluster(tree)
    client = client_for(users.province_officer)
    url = reverse("clusters:cluster-list") + "?nam=2017"
    one = _count(client, url)
    for n in range(2, 7):
        extra = org_actions.create_unit(tree.BT, by=None, code=f"X{n}", name=f"Công đoàn ngành số {n}",
                                        short_name=f"CĐ ngành {n}", level="upper", founded_on=D(2015, 1, 1))  # fmt: skip
        cluster(tree, name=f"Khối thi đua số {n}", members=[extra, tree.CT])
    many = _count(client, url)
    assert many == one
    page = client.get(url).content.decode()
    assert page.count('data-testid="cluster-row"') == 6


def test_export_lists_every_cluster_with_its_leader(tree, users, client_for):
    cluster(tree)
    response = client_for(users.province_officer).get(reverse("clusters:cluster-export") + "?nam=2017")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][1:4] == ("Cụm thi đua các LĐLĐ huyện, thành phố", "Cụm thi đua (theo địa bàn)",
                             "Liên đoàn Lao động tỉnh Bến Tre")  # fmt: skip
    assert rows[-1][6:8] == (2, "Liên đoàn Lao động huyện Châu Thành")


def test_members_see_the_cluster_and_others_get_404(tree, users, client_for):
    c = cluster(tree)
    url = reverse("clusters:cluster-detail", args=[c.pk]) + "?nam=2017"
    for user in (users.province_officer, users.district_leader, users.admin):  # issuer, member, ancestor
        assert client_for(user).get(url).status_code == 200
    outsider_sibling = cluster(tree, name="Cụm chỉ có TP Bến Tre", members=[tree.TPBT])
    hidden = reverse("clusters:cluster-detail", args=[outsider_sibling.pk])
    for user in (users.district_leader, users.grassroots_officer, users.outsider):  # sibling, child, outsider
        assert client_for(user).get(hidden).status_code == 404
    assert client_for(users.grassroots_officer).get(url).status_code == 404  # a member's child


def test_score_grid_names_the_wrong_cell_and_saves_nothing(tree, users, client_for):
    c = cluster(tree)
    cov = covenant(c)
    first, second = cov.criteria.order_by("order")
    client = client_for(users.district_leader)
    url = reverse("clusters:score-grid", args=[cov.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {f"diem-{first.pk}-{tree.TPBT.pk}": "50", f"diem-{second.pk}-{tree.TPBT.pk}": "45"}
    )
    assert response.status_code == 400
    assert (
        "Điểm của LĐLĐ TP Bến Tre, tiêu chí “Phát triển đoàn viên”: phải từ 0 đến 40."
        in response.content.decode()
    )
    assert not Score.objects.exists()
    response = client.post(
        url, {f"diem-{first.pk}-{tree.TPBT.pk}": "50", f"diem-{second.pk}-{tree.TPBT.pk}": "35,5"}
    )
    assert response.status_code == 302
    assert sorted(Score.objects.values_list("points", flat=True)) == [35.5, 50]


def test_the_grid_is_refused_to_the_level_above_and_404_outside(tree, users, client_for):
    cov = covenant(cluster(tree))
    url = reverse("clusters:score-grid", args=[cov.pk])
    assert client_for(users.province_officer).get(url).status_code == 403
    assert client_for(users.outsider).get(url).status_code == 404


def test_ranking_page_and_its_export(tree, users, client_for):
    cov = covenant(cluster(tree))
    first = cov.criteria.order_by("order").first()
    actions.enter_scores(cov, tree.CT, by=users.district_leader, values={(first.pk, tree.TPBT.pk): "59"})
    client = client_for(users.province_officer)
    page = client.get(reverse("clusters:ranking", args=[cov.pk])).content.decode()
    assert page.count('data-testid="rank-row"') == 2
    assert "59,00" in page
    book = load_workbook(io.BytesIO(client.get(reverse("clusters:ranking-export", args=[cov.pk])).content))
    rows = list(book["Xếp hạng"].iter_rows(values_only=True))
    assert rows[-2][:2] == (1, "Liên đoàn Lao động thành phố Bến Tre") and rows[-2][-2] == 59


def test_ranking_costs_the_same_queries_for_few_or_many_scores(tree, users, client_for):
    cov = covenant(cluster(tree))
    client = client_for(users.province_officer)
    url = reverse("clusters:ranking", args=[cov.pk])
    empty = _count(client, url)
    crits = list(cov.criteria.all())
    actions.enter_scores(cov, tree.CT, by=users.district_leader,
                         values={(c.pk, u.pk): "10" for c in crits for u in (tree.CT, tree.TPBT)})  # fmt: skip
    assert _count(client, url) == empty


def test_leader_records_the_meeting_votes_and_sends_the_proposal(tree, users, client_for):
    c = cluster(tree)
    covenant(c)
    client = client_for(users.district_leader)
    url = reverse("clusters:meeting", args=[c.pk]) + "?nam=2017"
    response = client.post(url, {"held_on": "20/12/2017", "place": "Châu Thành",
                                 "attendees": [tree.CT.pk, tree.TPBT.pk], "minutes": "Thống nhất suy tôn."})  # fmt: skip
    assert response.status_code == 302
    meeting = Meeting.objects.get(cluster=c, year=2017)
    flag = Award.objects.get(code="co-thi-dua-ldld")
    client.post(reverse("clusters:meeting-votes", args=[meeting.pk]),
                {"award": flag.pk, "seats": "1", f"phieu-{tree.CT.pk}": tree.TPBT.pk,
                 f"phieu-{tree.TPBT.pk}": tree.TPBT.pk})  # fmt: skip
    assert list(meeting.selections.values_list("unit__code", "votes")) == [("TPBT", 2)]
    response = client.post(reverse("clusters:meeting-send", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse("proposals:proposal-detail",
                                                                   args=[meeting.proposal_id])  # fmt: skip
    assert client.get(url).status_code == 200
    assert client_for(users.province_officer).post(url, {"held_on": "20/12/2017"}).status_code == 403


def test_issuer_creates_a_cluster_and_adds_members(tree, users, client_for):
    client = client_for(users.province_officer)
    response = client.post(reverse("clusters:cluster-create"), {
        "issuer": tree.BT.pk, "kind": "sector", "name": "Khối các công đoàn ngành", "decision_number": "15/QĐ-LĐLĐ",
        "decision_date": "12/01/2017"})  # fmt: skip
    c = Cluster.objects.get(name="Khối các công đoàn ngành")
    assert response.url == reverse("clusters:cluster-detail", args=[c.pk])
    client.post(reverse("clusters:member-add", args=[c.pk]), {"unit": tree.CT.pk, "since_year": "2017"})
    assert list(c.memberships.values_list("unit__code", flat=True)) == ["CT"]
    assert client_for(users.grassroots_officer).get(reverse("clusters:cluster-create")).status_code == 404


def test_api_lists_ranks_and_takes_scores(tree, users, client_for):
    c = cluster(tree)
    cov = covenant(c)
    first = cov.criteria.order_by("order").first()
    client = client_for(users.district_leader)
    listed = client.get("/api/v1/clusters/?year=2017").json()
    assert [(i["name"], i["member_count"], i["leader"]["id"]) for i in listed["items"]] == [
        ("Cụm thi đua các LĐLĐ huyện, thành phố", 2, tree.CT.pk)
    ]
    bad = client.post(f"/api/v1/covenants/{cov.pk}/scores/", json.dumps({
        "by_unit_id": tree.CT.pk, "scores": [{"criterion_id": first.pk, "unit_id": tree.TPBT.pk, "points": "61"}]}),
        content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    assert "phải từ 0 đến 60" in bad.json()["detail"]
    ok = client.post(f"/api/v1/covenants/{cov.pk}/scores/", json.dumps({
        "by_unit_id": tree.CT.pk, "scores": [{"criterion_id": first.pk, "unit_id": tree.TPBT.pk, "points": "52"}]}),
        content_type="application/json")  # fmt: skip
    assert ok.json() == {"changed": 1}
    ranking = client.get(f"/api/v1/covenants/{cov.pk}/ranking/").json()
    assert [(r["unit"]["id"], r["rank"], r["total"]) for r in ranking["rows"]][0] == (
        tree.TPBT.pk,
        1,
        "52.00",
    )
    assert client_for(users.outsider).get(f"/api/v1/covenants/{cov.pk}/ranking/").status_code == 404
    assert client_for(users.outsider).get(f"/api/v1/clusters/{c.pk}/").status_code == 404
