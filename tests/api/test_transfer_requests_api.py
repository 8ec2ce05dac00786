"""/api/v1/transfer-requests/: the transfer requests read through the API with the pages' scoping (issue 8): seen
from both ends (the asking union and the person's union, and the levels above them), 404 elsewhere; the person's
record only as the pages show it; what the caller may do with each (decide, withdraw)."""

import pytest
from django.urls import reverse

from thidua.orgs import actions

pytestmark = pytest.mark.django_db

BINH_ID = "084087000009"
LIST = "/api/v1/transfer-requests/"


@pytest.fixture
def asked(tree, users):
    return actions.request_transfer(
        by=users.grassroots_officer, to_unit=tree.MAY, national_id=BINH_ID, full_name="Phạm Văn Bình"
    )


def test_routes_are_named(asked):
    assert reverse("api-v1:transfer-request-list") == LIST
    assert reverse("api-v1:transfer-request-detail", args=[asked.pk]) == f"{LIST}{asked.pk}/"


def test_list_is_seen_from_both_ends_and_nowhere_else(asked, client_for, users, tree, django_user_model):
    for user in (users.grassroots_officer, users.outsider, users.province_leader):
        body = client_for(user).get(LIST).json()
        assert [item["id"] for item in body["items"]] == [asked.pk]
    dua_officer = django_user_model.objects.create_user("dua_officer", password="x")
    actions.grant_role(dua_officer, tree.DUA, "officer", by=None)
    assert client_for(dua_officer).get(LIST).json() == {"count": 0, "items": []}
    assert client_for(dua_officer).get(f"{LIST}{asked.pk}/").status_code == 404


def test_the_asking_union_sees_the_request_not_the_person(asked, client_for, users, people):
    mine = client_for(users.grassroots_officer).get(f"{LIST}{asked.pk}/").json()
    assert (mine["person_id"], mine["national_id"], mine["can_decide"], mine["can_withdraw"]) == (
        None, "•••••••••009", False, True,
    )  # fmt: skip
    theirs = client_for(users.outsider).get(f"{LIST}{asked.pk}/").json()
    assert (theirs["person_id"], theirs["can_decide"], theirs["can_withdraw"]) == (
        people.pham_binh.pk,
        True,
        False,
    )


def test_list_query_count_does_not_grow(asked, client_for, users, tree, django_assert_num_queries):
    client = client_for(users.outsider)
    client.get(LIST)
    with django_assert_num_queries(6):  # session, user, the caller's grants (roles, mergers), count, page
        client.get(LIST)
    for i in range(3):
        nid = f"08308000010{i}"
        person = actions.create_person(by=None, unit=tree.GIAY, full_name=f"Lê Thị Lan {i}", national_id=nid)
        actions.request_transfer(by=users.grassroots_officer, to_unit=tree.MAY, national_id=nid,
                                 full_name=person.full_name)  # fmt: skip
    client.get(LIST)  # the same warm-up as above (new rows renew the caller's cached grants)
    with django_assert_num_queries(6):  # the same for 4 requests as for 1
        assert client.get(LIST).json()["count"] == 4


# --- writing: POST create, accept, refuse, withdraw -------------------------------------------------------------


def _token(user) -> dict:
    from thidua.api import actions as api_actions

    _, secret = api_actions.create_api_token(user, by=user, name="Phần mềm nhân sự")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _post(user, url, data=None):
    """A token caller: no CSRF token needed."""
    from django.test import Client

    return Client(enforce_csrf_checks=True).post(
        url, data or {}, content_type="application/json", **_token(user)
    )


def _status(pk) -> str:
    from thidua.orgs.models import TransferRequest

    return TransferRequest.objects.get(pk=pk).status


def test_write_routes_are_named():
    assert reverse("api-v1:transfer-request-create") == LIST
    for step in ("accept", "refuse", "withdraw"):
        assert reverse(f"api-v1:transfer-request-{step}", args=[7]) == f"{LIST}7/{step}/"


def test_a_token_caller_asks_for_a_person_and_the_persons_union_accepts(tree, users, people):
    body = {"to_unit_id": tree.MAY.pk, "national_id": BINH_ID, "full_name": "Phạm Văn Bình"}
    response = _post(users.grassroots_officer, LIST, body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["to_unit"]["code"], data["from_unit"]["code"], data["can_withdraw"]) == (
        "requested", "MAY", "GIAY", True,
    )  # fmt: skip
    accepted = _post(users.outsider, f"{LIST}{data['id']}/accept/")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    people.pham_binh.refresh_from_db()
    assert people.pham_binh.unit_id == tree.MAY.pk


def test_a_wrong_name_is_refused_without_saying_whether_the_person_exists(tree, users):
    body = {"to_unit_id": tree.MAY.pk, "national_id": BINH_ID, "full_name": "Phạm Văn Bính"}
    wrong_name = _post(users.grassroots_officer, LIST, body)
    unknown = _post(users.grassroots_officer, LIST, {**body, "national_id": "084087999999"})
    assert wrong_name.status_code == unknown.status_code == 400
    assert wrong_name.json() == unknown.json()


def test_asking_into_a_union_outside_the_scope_is_404_and_one_only_seen_is_403(tree, users):
    body = {"national_id": BINH_ID, "full_name": "Phạm Văn Bình"}
    assert _post(users.grassroots_officer, LIST, {**body, "to_unit_id": tree.DUA.pk}).status_code == 404
    assert _post(users.council_member, LIST, {**body, "to_unit_id": tree.MAY.pk}).status_code == 403
    from thidua.orgs.models import TransferRequest

    assert not TransferRequest.objects.exists()


def test_a_bad_body_is_422_in_vietnamese(tree, users):
    response = _post(users.grassroots_officer, LIST, {"to_unit_id": "abc"})
    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} >= {("body", "to_unit_id")}


def test_refusing_needs_a_reason_and_tells_the_asking_union(asked, users):
    assert _post(users.outsider, f"{LIST}{asked.pk}/refuse/", {"reason": ""}).status_code == 422
    response = _post(users.outsider, f"{LIST}{asked.pk}/refuse/", {"reason": "Người lao động chưa nghỉ việc"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["reason"]) == (
        "refused",
        "Người lao động chưa nghỉ việc",
    )
    again = _post(users.outsider, f"{LIST}{asked.pk}/accept/")
    assert again.status_code == 400
    assert "đã được xử lý" in again.json()["detail"]


def test_withdrawing_is_for_the_asking_side(asked, users):
    assert _post(users.outsider, f"{LIST}{asked.pk}/withdraw/").status_code == 403
    assert _status(asked.pk) == "requested"
    response = _post(users.grassroots_officer, f"{LIST}{asked.pk}/withdraw/", {"reason": "Đã đổi ý"})
    assert response.status_code == 200, response.content
    assert _status(asked.pk) == "withdrawn"


# Who decides May Việt Tiến's request for Phạm Văn Bình (Giày Trà Vinh): relations to the person's union GIAY.
DECIDE = {
    "own": 200,  # officer of Giày Trà Vinh
    "parent": 200,  # officer of the Khu công nghiệp union above it
    "ancestor": 200,  # officer of Trà Vinh (the outsider persona)
    "sibling": 404,  # officer of another union under the Khu công nghiệp union: does not see it
    "child": 404,  # officer of a team under Giày Trà Vinh
    "asking": 403,  # the asking union sees its request, does not decide it
    "asking's ancestor": 403,
    "elsewhere": 404,  # Dừa Bến Tre's officer
}


@pytest.fixture
def deciders(tree, users, django_user_model):
    def user(name, unit, role="officer"):
        u = django_user_model.objects.create_user(name, password="x")
        actions.grant_role(u, unit, role, by=None)
        return u

    rubber = actions.create_unit(tree.LD, by=None, code="CAOSU", name="Công đoàn cơ sở Công ty Cao su Trà Vinh",
                                 level="grassroots", sector="private")  # fmt: skip
    team = actions.create_unit(tree.GIAY, by=None, code="TOGIAY", name="Tổ công đoàn Phân xưởng đế",
                               level="sub_grassroots")  # fmt: skip
    return {
        "own": user("giay_officer", tree.GIAY),
        "parent": user("ld_officer", tree.LD),
        "ancestor": users.outsider,
        "sibling": user("caosu_officer", rubber),
        "child": user("to_officer", team),
        "asking": users.grassroots_officer,
        "asking's ancestor": users.province_leader,
        "elsewhere": user("dua_officer", tree.DUA),
    }


@pytest.mark.parametrize(("relation", "status"), DECIDE.items(), ids=list(DECIDE))
@pytest.mark.parametrize("step", ["accept", "refuse"])
def test_deciding_by_relation_to_the_persons_union(asked, deciders, relation, status, step):
    response = _post(deciders[relation], f"{LIST}{asked.pk}/{step}/", {"reason": "Chưa đủ hồ sơ"})
    assert response.status_code == status, response.content
    expected = {"accept": "accepted", "refuse": "refused"}[step] if status == 200 else "requested"
    assert _status(asked.pk) == expected


def test_a_session_caller_needs_the_csrf_token(asked, users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users.outsider)
    url = f"{LIST}{asked.pk}/refuse/"
    refused = client.post(url, {"reason": "Chưa đủ hồ sơ"}, content_type="application/json")
    assert refused.status_code == 403
    assert _status(asked.pk) == "requested"
    client.get("/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    done = client.post(
        url, {"reason": "Chưa đủ hồ sơ"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert done.status_code == 200, done.content
    assert _status(asked.pk) == "refused"
