"""POST /api/v1/initiatives/… : register, edit and the path (applied, council review, recognised / not recognised)
through the same actions as the pages; scoped by the caller's relation to the initiative's unit; token callers
without CSRF, session callers with it."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.api import actions as api_actions
from thidua.orgs import actions as org_actions
from thidua.registrations.models import Initiative, InitiativeEvent

from .initiative_builders import PROBLEM, SOLUTION, TITLE, applied, initiative, reviewed

pytestmark = pytest.mark.django_db
URL = "/api/v1/initiatives/"


def _token(user) -> dict:
    _, secret = api_actions.create_api_token(user, by=user, name="Phần mềm sáng kiến")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _post(user, url, data) -> object:
    """A token caller (no CSRF token needed)."""
    return Client(enforce_csrf_checks=True).post(url, data, content_type="application/json", **_token(user))


@pytest.fixture
def relations(tree, users, django_user_model):
    """Users by their relation to the district union CT (an upper union): own unit, parent, ancestor, sibling,
    child, outsider."""

    def user(name, unit, role):
        u = django_user_model.objects.create_user(name, password="x")
        org_actions.grant_role(u, unit, role, by=None)
        return u

    return {
        "own": users.district_leader,  # leader of CT
        "parent": users.province_officer,  # officer of BT
        "ancestor": user("tld_officer", tree.TLD, "officer"),
        "sibling": user("tpbt_officer", tree.TPBT, "officer"),
        "child": users.grassroots_officer,  # officer of MAY, below CT
        "outsider": users.outsider,
    }


def _register_body(unit, **extra) -> dict:
    return {"unit_id": unit.pk, "title": TITLE, "field": "technical", "problem": PROBLEM, "solution": SOLUTION,
            "authors": [{"name": "Nguyễn Văn Tác Giả", "workplace": "Tổ kỹ thuật", "share": "60"},
                        {"name": "Lê Thị Đồng Tác Giả", "share": 40}], **extra}  # fmt: skip


def test_a_token_caller_registers_without_csrf(tree, users, people):
    body = _register_body(tree.CT, authors=[{"person_id": people.tran_hao.pk, "share": "66.67"},
                                            {"name": "Kỹ sư bên ngoài", "share": "33.33"}])  # fmt: skip
    response = _post(users.district_leader, URL, body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["unit"]["code"], data["title"]) == ("registered", "CT", TITLE)
    assert [(a["name"], a["person_id"], a["share"]) for a in data["authors"]] == [
        ("Trần Trung Hào", people.tran_hao.pk, "66.67"), ("Kỹ sư bên ngoài", None, "33.33")]  # fmt: skip
    obj = Initiative.objects.get(pk=data["id"])
    assert obj.created_by == users.district_leader
    assert list(InitiativeEvent.objects.filter(initiative=obj).values_list("action", flat=True)) == [
        "register"
    ]


def test_a_session_caller_needs_the_csrf_token(tree, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.district_leader)
    refused = client.post(URL, _register_body(tree.CT), content_type="application/json")
    assert refused.status_code == 403
    assert not Initiative.objects.exists()
    client.get("/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    done = client.post(URL, _register_body(tree.CT), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert done.status_code == 200, done.content
    assert Initiative.objects.get().unit == tree.CT


@pytest.mark.parametrize(("relation", "status"), [
    ("own", 200), ("parent", 200), ("ancestor", 200), ("sibling", 404), ("child", 404), ("outsider", 404)])  # fmt: skip
def test_register_by_relation_to_the_unit(relation, status, relations, tree):
    response = _post(relations[relation], URL, _register_body(tree.CT))
    assert response.status_code == status, response.content
    assert Initiative.objects.filter(unit=tree.CT).count() == (1 if status == 200 else 0)


@pytest.mark.parametrize(("relation", "status"), [
    ("own", 200), ("parent", 200), ("ancestor", 200), ("sibling", 404), ("child", 404), ("outsider", 404)])  # fmt: skip
def test_apply_by_relation_to_the_initiative(relation, status, relations, tree):
    obj = initiative(tree.CT)
    response = _post(relations[relation], f"{URL}{obj.pk}/apply/", {
        "applied_where": "Văn phòng LĐLĐ huyện", "applied_since": "2017-04-01", "benefit_vnd": 15_000_000})  # fmt: skip
    assert response.status_code == status, response.content
    obj.refresh_from_db()
    assert obj.status == ("applied" if status == 200 else "registered")
    if status == 404:
        assert response.json() == {"detail": "Không tìm thấy."}


@pytest.mark.parametrize(("relation", "status"), [
    ("own", 200), ("parent", 403), ("ancestor", 403), ("sibling", 404), ("child", 404), ("outsider", 404)])  # fmt: skip
def test_recognise_needs_a_leader_of_the_unit_or_above(relation, status, relations, tree):
    obj = reviewed(initiative(tree.CT))
    response = _post(relations[relation], f"{URL}{obj.pk}/recognise/", {
        "decision_number": "45/QĐ-LĐLĐ", "decision_date": "2017-11-02",
        "recognising_body": "Ban Thường vụ LĐLĐ huyện Châu Thành", "effect_scope": "province"})  # fmt: skip
    assert response.status_code == status, response.content
    if status == 403:
        assert response.json() == {
            "detail": "Người dùng không có quyền thực hiện thao tác này với sáng kiến."
        }
    obj.refresh_from_db()
    assert obj.status == ("recognised" if status == 200 else "reviewed")


def test_the_whole_path_through_the_api(tree, users):
    registered = _post(
        users.grassroots_officer, URL, _register_body(tree.MAY, registered_on="2017-03-01")
    ).json()
    url = f"{URL}{registered['id']}/"
    officer = users.grassroots_officer
    assert _post(officer, url + "edit/", {"title": "Cải tiến bàn ủi hơi nước cho chuyền may số 3"}).json()[
        "title"] == "Cải tiến bàn ủi hơi nước cho chuyền may số 3"  # fmt: skip
    missing = _post(officer, url + "apply/", {"applied_where": ""})
    assert missing.status_code == 400 and missing.json()["detail"] == "Cần ghi nơi áp dụng."
    assert _post(officer, url + "apply/", {"applied_where": "Chuyền may số 3", "applied_since": "2017-04-01",
                                           "benefit_vnd": 120_000_000}).json()["status"] == "applied"  # fmt: skip
    few = _post(officer, url + "review/", {"council": "Hội đồng sáng kiến Công ty", "held_on": "2017-10-05",
                                           "mode": "votes", "minutes": "Đề nghị công nhận.",
                                           "members": [{"name": "A", "vote": "for"}]})  # fmt: skip
    assert (
        few.status_code == 400 and few.json()["detail"] == "Hội đồng xét sáng kiến cần ít nhất 3 thành viên."
    )
    review = _post(officer, url + "review/", {
        "council": "Hội đồng sáng kiến Công ty", "held_on": "2017-10-05", "mode": "scores",
        "minutes": "Hội đồng thống nhất đề nghị công nhận.",
        "members": [{"name": "Lê Văn Chủ Tịch", "role": "Chủ tịch", "score": 85},
                    {"name": "Trần Thị Thư Ký", "score": 80}, {"name": "Phan Văn Ủy Viên", "score": 90}]})  # fmt: skip
    assert review.status_code == 200, review.content
    data = review.json()
    assert data["status"] == "reviewed"
    assert [(m["name"], m["score"]) for m in data["review"]["members"]] == [
        ("Lê Văn Chủ Tịch", 85), ("Trần Thị Thư Ký", 80), ("Phan Văn Ủy Viên", 90)]  # fmt: skip
    assert _post(officer, url + "edit/", {"title": "Đổi tên"}).status_code == 400  # the council has sat
    assert _post(officer, url + "recognise/", {}).status_code == 403  # an officer, not a leader
    no_scope = _post(
        users.district_leader,
        url + "recognise/",
        {
            "decision_number": "125/QĐ-MVT",
            "decision_date": "2017-10-20",
            "recognising_body": "Giám đốc Công ty",
        },
    )
    assert no_scope.status_code == 400 and no_scope.json()["detail"] == "Cần chọn phạm vi ảnh hưởng."
    done = _post(
        users.district_leader,
        url + "recognise/",
        {
            "decision_number": "125/QĐ-MVT",
            "decision_date": "2017-10-20",
            "recognising_body": "Giám đốc Công ty TNHH May Việt Tiến Bến Tre",
            "effect_scope": "grassroots",
        },
    ).json()
    assert (done["status"], done["decision_number"], done["decision_date"], done["recognising_body"],
            done["effect_scope"]) == ("recognised", "125/QĐ-MVT", "2017-10-20",
                                      "Giám đốc Công ty TNHH May Việt Tiến Bến Tre", "grassroots")  # fmt: skip
    actions = list(InitiativeEvent.objects.filter(initiative_id=done["id"]).order_by("id")
                   .values_list("action", flat=True))  # fmt: skip
    assert actions == ["register", "apply", "review", "recognise"]


def test_not_recognised_needs_a_reason(tree, users):
    obj = reviewed(initiative(tree.MAY))
    url = f"{URL}{obj.pk}/reject/"
    assert _post(users.district_leader, url, {"reason": ""}).status_code == 400
    done = _post(users.district_leader, url, {"reason": "Giải pháp đã được áp dụng rộng rãi trước đó."})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["not_recognised_reason"]) == (
        "not_recognised", "Giải pháp đã được áp dụng rộng rãi trước đó.")  # fmt: skip


def test_a_step_out_of_order_is_400(tree, users):
    obj = applied(initiative(tree.MAY))
    response = _post(users.grassroots_officer, f"{URL}{obj.pk}/apply/", {
        "applied_where": "Chuyền may số 3", "applied_since": "2017-04-01"})  # fmt: skip
    assert response.status_code == 400


def test_a_visible_match_must_be_acknowledged(tree, users):
    first = initiative(tree.MAY)
    conflict = _post(users.district_leader, URL, _register_body(tree.THPT))
    assert conflict.status_code == 409
    data = conflict.json()
    assert [(m["id"], m["title"], m["unit"]["code"]) for m in data["matches"]] == [(first.pk, TITLE, "MAY")]
    assert data["hidden"] == 0
    assert Initiative.objects.count() == 1
    done = _post(users.district_leader, URL, _register_body(tree.THPT, seen_matches=[first.pk]))
    assert done.status_code == 200
    assert done.json()["duplicate_checks"][0]["status"] == "distinct"


def test_bad_values_are_422_in_vietnamese(tree, users):
    response = _post(users.district_leader, URL, _register_body(tree.CT, field="cooking"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "field"]
    shares = _post(users.district_leader, URL, _register_body(tree.CT, authors=[{"name": "A", "share": 50}]))
    assert shares.status_code == 400
    assert shares.json()["detail"] == "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 % (hiện là 50 %)."
