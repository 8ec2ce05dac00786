"""POST /api/v1/research-topics/… and /api/v1/congress-works/…: register, edit and each step, through the same
actions as the pages; scoped by the caller's relation to the record's unit; token callers without CSRF, session
callers with it."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.api import actions as api_actions
from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import CongressWork, ResearchTopic

from .works_builders import topic, work

pytestmark = pytest.mark.django_db
TOPICS, WORKS = "/api/v1/research-topics/", "/api/v1/congress-works/"


def _post(user, url, data):
    _, secret = api_actions.create_api_token(user, by=user, name="Phần mềm đề tài")
    return Client(enforce_csrf_checks=True).post(url, data, content_type="application/json",
                                                 HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip


@pytest.fixture
def relations(tree, users, django_user_model):
    """Users by their relation to the district union CT: own, parent, ancestor, sibling, child, outsider."""

    def user(name, unit, role):
        u = django_user_model.objects.create_user(name, password="x")
        org_actions.grant_role(u, unit, role, by=None)
        return u

    return {"own": users.district_leader, "parent": users.province_officer,
            "ancestor": user("tld_leader", tree.TLD, "leader"), "sibling": user("tpbt_leader", tree.TPBT, "leader"),
            "child": users.grassroots_officer, "outsider": users.outsider}  # fmt: skip


TOPIC_BODY = {"title": "Nâng cao hiệu quả thương lượng tập thể ở doanh nghiệp FDI", "level": "province",
              "lead_name": "ThS. Lê Văn Khoa", "start_on": "2017-03-01", "end_on": "2017-12-31",
              "budget_vnd": 80_000_000, "members": [{"name": "Phan Thị Hạnh", "role": "thư ký"}]}  # fmt: skip
WORK_BODY = {"name": "Sân chơi cho con công nhân khu công nghiệp", "kind": "welfare", "value_vnd": 120_000_000,
             "congress_name": "Đại hội XI Công đoàn tỉnh Bến Tre", "congress_term": "2018 – 2023",
             "planned_on": "2018-06-30"}  # fmt: skip


@pytest.mark.parametrize(("relation", "status"), [
    ("own", 200), ("parent", 200), ("ancestor", 200), ("sibling", 404), ("child", 404), ("outsider", 404)])  # fmt: skip
def test_register_by_relation_to_the_unit(relation, status, relations, tree):
    assert _post(relations[relation], TOPICS, {**TOPIC_BODY, "unit_id": tree.CT.pk}).status_code == status
    assert _post(relations[relation], WORKS, {**WORK_BODY, "unit_id": tree.CT.pk}).status_code == status
    expected = 1 if status == 200 else 0
    assert (ResearchTopic.objects.filter(unit=tree.CT).count(), CongressWork.objects.filter(unit=tree.CT).count()) == (
        expected, expected)  # fmt: skip


@pytest.mark.parametrize(("relation", "start", "accept"), [
    ("own", 200, 200), ("parent", 200, 403), ("ancestor", 200, 200), ("sibling", 404, 404), ("child", 404, 404),
    ("outsider", 404, 404)])  # fmt: skip
def test_a_topics_path_by_relation(relation, start, accept, relations, tree):
    """Officers and leaders start it; only a leader records the acceptance (nghiệm thu)."""
    obj = topic(tree.CT)
    user = relations[relation]
    assert _post(user, f"{TOPICS}{obj.pk}/start/", {}).status_code == start
    if start != 200:
        actions.start_research_topic(obj, by=None)
    response = _post(user, f"{TOPICS}{obj.pk}/accept/", {
        "accepted_on": "2018-01-15", "rating": "good", "decision_number": "12/QĐ-LĐLĐ", "decision_date": "2018-01-20",
        "accepting_body": "Hội đồng Khoa học LĐLĐ tỉnh Bến Tre"})  # fmt: skip
    assert response.status_code == accept, response.content
    obj.refresh_from_db()
    assert obj.status == ("accepted" if accept == 200 else "in_progress")
    if accept == 200:
        body = response.json()
        assert (body["rating"], body["accepted_on"], body["decision_number"], body["accepting_body"]) == (
            "good", "2018-01-15", "12/QĐ-LĐLĐ", "Hội đồng Khoa học LĐLĐ tỉnh Bến Tre")  # fmt: skip


def test_a_topic_registered_edited_and_not_accepted(tree, users, people):
    created = _post(users.grassroots_officer, TOPICS, {
        **TOPIC_BODY, "unit_id": tree.MAY.pk, "level": "grassroots", "lead_name": "", "lead_id": people.tran_hao.pk,
        "members": [{"person_id": people.nguyen_dao.pk, "role": "thư ký"}, {"name": "Kỹ sư Lâm"}]})  # fmt: skip
    assert created.status_code == 200, created.content
    data = created.json()
    assert (data["lead_id"], data["lead_name"], data["year"]) == (people.tran_hao.pk, "Trần Trung Hào", 2017)
    assert [(m["full_name"], m["person_id"]) for m in data["members"]] == [
        ("Nguyễn Thị Đào", people.nguyen_dao.pk), ("Kỹ sư Lâm", None)]  # fmt: skip
    url = f"{TOPICS}{data['id']}/"
    assert (
        _post(users.grassroots_officer, url + "edit/", {"budget_vnd": 25_000_000}).json()["budget_vnd"]
        == 25_000_000
    )
    backwards = _post(users.grassroots_officer, url + "edit/", {"end_on": "2016-01-01"})
    assert backwards.status_code == 400
    assert backwards.json()["detail"] == "Thời gian kết thúc không thể trước thời gian bắt đầu."
    assert _post(users.grassroots_officer, url + "start/", {}).json()["status"] == "in_progress"
    assert _post(users.grassroots_officer, url + "fail/", {"accepted_on": "2018-01-10", "reason": "Chưa đạt"}
                 ).status_code == 403  # an officer  # fmt: skip
    assert _post(users.district_leader, url + "fail/", {"accepted_on": "2018-01-10"}).status_code == 400
    failed = _post(
        users.district_leader, url + "fail/", {"accepted_on": "2018-01-10", "reason": "Số liệu chưa đủ"}
    )
    assert failed.json()["status"] == "not_accepted"
    assert _post(users.grassroots_officer, url + "edit/", {"title": "Khác"}).status_code == 400  # concluded
    assert list(ResearchTopic.objects.get(pk=data["id"]).events.values_list("action", flat=True)) == [
        "register", "start", "fail"]  # fmt: skip


def test_a_works_path(tree, users):
    obj = work(tree.MAY)
    url = f"{WORKS}{obj.pk}/"
    officer = users.grassroots_officer
    assert _post(officer, url + "edit/", {"value_vnd": 60_000_000}).json()["value_vnd"] == 60_000_000
    assert _post(officer, url + "start/", {}).json()["status"] == "in_progress"
    assert _post(officer, url + "complete/", {}).status_code == 400
    done = _post(officer, url + "complete/", {"completed_on": "2018-05-19", "value_vnd": 65_000_000}).json()
    assert (done["status"], done["completed_on"], done["value_vnd"]) == (
        "completed",
        "2018-05-19",
        65_000_000,
    )
    assert _post(officer, url + "cancel/", {"reason": "x"}).status_code == 400
    other = work(tree.MAY, name="Công trình thứ hai")
    assert _post(officer, f"{WORKS}{other.pk}/cancel/", {"reason": ""}).status_code == 400
    cancelled = _post(
        officer, f"{WORKS}{other.pk}/cancel/", {"reason": "Doanh nghiệp tạm ngừng sản xuất"}
    ).json()
    assert cancelled["status"] == "cancelled"
    assert _post(users.outsider, url + "edit/", {"value_vnd": 1}).status_code == 404


def test_a_session_caller_needs_the_csrf_token(tree, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.grassroots_officer)
    body = {**WORK_BODY, "unit_id": tree.MAY.pk}
    assert client.post(WORKS, body, content_type="application/json").status_code == 403
    client.get("/")
    done = client.post(
        WORKS, body, content_type="application/json", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert done.status_code == 200
    assert CongressWork.objects.get().unit == tree.MAY


def test_council_members_read_but_do_not_write(tree, users):
    obj = work(tree.MAY)
    assert _post(users.council_member, f"{WORKS}{obj.pk}/start/", {}).status_code == 403
    assert _post(users.council_member, WORKS, {**WORK_BODY, "unit_id": tree.MAY.pk}).status_code == 403
