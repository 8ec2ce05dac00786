"""GET /api/v1/research-topics/ and /api/v1/congress-works/: the pages' filters and scoping, by token as well."""

from __future__ import annotations

import datetime

import pytest

from thidua.api import actions as api_actions
from thidua.registrations import actions

from .works_builders import accepted_topic, topic, work


def test_topics_list_and_detail_for_the_callers_scope(client_for, tree, users, people):
    accepted_topic(tree.MAY, lead_id=people.tran_hao.pk, members=[actions.TeamMemberInput(name="Ông Bảy")])
    topic(tree.DUA, title="Đề tài Dừa", year=2018)
    giay = topic(tree.GIAY, title="Đề tài Giày Trà Vinh")
    client = client_for(users.district_leader)
    body = client.get("/api/v1/research-topics/").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert {k: item[k] for k in ("title", "level", "lead_name", "lead_id", "status", "rating", "budget_vnd")} == {
        "title": "Giải pháp giảm tai nạn lao động trong ngành may", "level": "grassroots",
        "lead_name": "Trần Trung Hào", "lead_id": people.tran_hao.pk, "status": "accepted", "rating": "excellent",
        "budget_vnd": 45_000_000,
    }  # fmt: skip
    assert item["members"] == [{"full_name": "Ông Bảy", "person_id": None, "role": ""}]
    assert item["unit"]["code"] == "MAY" and item["decision_date"] == "2018-01-20"
    province = client_for(users.province_officer)
    assert [i["title"] for i in province.get("/api/v1/research-topics/?year=2018").json()["items"]] == [
        "Đề tài Dừa"
    ]
    assert province.get("/api/v1/research-topics/?q=dua").json()["count"] == 1
    assert province.get(f"/api/v1/research-topics/?unit={tree.LD.pk}").status_code == 404
    assert province.get(f"/api/v1/research-topics/{giay.pk}/").status_code == 404
    assert (
        client_for(users.outsider).get(f"/api/v1/research-topics/{giay.pk}/").json()["title"]
        == "Đề tài Giày Trà Vinh"
    )


def test_works_list_filters_by_congress_and_status(client_for, tree, users):
    work(tree.MAY, name="Công trình A")
    done = work(tree.DUA, name="Công trình B", congress_name="Đại hội XII Công đoàn Việt Nam")
    actions.complete_congress_work(done, by=None, completed_on=datetime.date(2018, 9, 1))
    client = client_for(users.province_officer)
    body = client.get("/api/v1/congress-works/", {"congress": "Đại hội XII Công đoàn Việt Nam"}).json()
    assert [(i["name"], i["status"], i["completed_on"]) for i in body["items"]] == [
        ("Công trình B", "completed", "2018-09-01")
    ]
    assert client.get("/api/v1/congress-works/?status=registered").json()["count"] == 1
    assert client.get("/api/v1/congress-works/?status=unknown").status_code == 422


def test_a_token_reads_the_same_scope(client, tree, users):
    topic(tree.MAY)
    topic(tree.GIAY, title="Đề tài Giày Trà Vinh")
    _, key = api_actions.create_api_token(users.district_leader, by=users.district_leader, name="Khóa thử")
    body = client.get("/api/v1/research-topics/", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert [i["unit"]["code"] for i in body["items"]] == ["MAY"]


@pytest.mark.parametrize("count", [1, 25])
def test_list_routes_take_the_same_queries_whatever_the_rows(client_for, tree, users, count,
                                                             django_assert_num_queries):  # fmt: skip
    for i in range(count):
        topic(tree.MAY, title=f"Đề tài {i}", members=[actions.TeamMemberInput(name=f"Người {i}")])
    client = client_for(users.province_officer)
    client.get("/api/v1/research-topics/")
    # session, user, scope (roles, units merged into them), count, page, members
    with django_assert_num_queries(7):
        assert client.get("/api/v1/research-topics/").json()["count"] == count
