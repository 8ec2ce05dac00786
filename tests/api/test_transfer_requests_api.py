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
