"""The action matrix (issue 8, "Test the whole matrix"): the actions on people, accounts and transfers × role ×
relation of the acting user's unit to the unit acted on — own unit (officer, leader), parent, ancestor (officer,
leader, council member), sibling, child, outsider, system administrator.

Someone who cannot see the record gets 404 and nothing changes; someone who sees it but may not act gets 403 and
nothing changes; everyone else gets the form (200) and the write goes through. The restructurings have their own
matrix in ``test_restructure_permissions.py``.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.orgs import actions
from thidua.orgs.models import Person, RoleAssignment, TransferRequest, Unit

pytestmark = pytest.mark.django_db

BINH_ID = "084087000009"


def user_with_role(username: str, unit: Unit, role: str = "officer"):
    user = get_user_model().objects.create_user(username, password="x")
    actions.grant_role(user, unit, role, by=None)
    return user


@pytest.fixture
def cast(tree, users):
    """Everyone in a relation to May Việt Tiến (MAY) and to Giày Trà Vinh (GIAY)."""
    team = actions.create_unit(tree.MAY, by=None, code="TOMAY", name="Tổ công đoàn Phân xưởng 1",
                               level="sub_grassroots", founded_on=datetime.date(2016, 1, 1))  # fmt: skip
    rubber = actions.create_unit(tree.LD, by=None, code="CAOSU", name="Công đoàn cơ sở Công ty Cao su Trà Vinh",
                                 level="grassroots", sector="private", founded_on=datetime.date(2016, 1, 1))  # fmt: skip
    return {
        "own officer": users.grassroots_officer,
        "own leader": user_with_role("may_leader", tree.MAY, "leader"),
        "parent leader": users.district_leader,
        "ancestor officer": users.province_officer,
        "ancestor leader": users.province_leader,
        "ancestor council": users.council_member,
        "ancestor administrator": user_with_role("bt_admin", tree.BT, "admin"),
        "sibling": user_with_role("thpt_officer", tree.THPT),
        "child": user_with_role("to_officer", team),
        "outsider": users.outsider,
        "superuser": users.admin,
        # around Giày Trà Vinh, for transfers
        "giay officer": user_with_role("giay_officer", tree.GIAY),
        "giay parent": user_with_role("ld_officer", tree.LD),
        "giay sibling": user_with_role("caosu_officer", rubber),
    }


# --- people: the forms that change a person of May Việt Tiến ----------------------------------------------------

PEOPLE_ROUTES = ["person-update", "person-transfer", "person-end-membership", "person-archive"]
PEOPLE = {
    "own officer": 200,
    "own leader": 200,
    "parent leader": 200,
    "ancestor officer": 200,
    "ancestor leader": 200,
    "ancestor council": 403,
    "ancestor administrator": 200,
    "sibling": 404,
    "child": 404,
    "outsider": 404,
    "superuser": 200,
}


@pytest.mark.parametrize("route", PEOPLE_ROUTES)
@pytest.mark.parametrize(("relation", "status"), PEOPLE.items(), ids=list(PEOPLE))
def test_people_forms(client_for, cast, people, route, relation, status):
    response = client_for(cast[relation]).get(reverse(f"orgs:{route}", args=[people.tran_hao.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("relation", "status"), PEOPLE.items(), ids=list(PEOPLE))
def test_archiving_a_person(client_for, cast, people, relation, status):
    response = client_for(cast[relation]).post(
        reverse("orgs:person-archive", args=[people.tran_hao.pk]), {"note": "Nghỉ việc"}
    )
    archived = Person.objects.get(pk=people.tran_hao.pk).archived_at is not None
    assert (response.status_code, archived) == ((302, True) if status == 200 else (status, False))


CREATE = {
    "own officer": 200,
    "own leader": 200,
    "parent leader": 200,
    "ancestor officer": 200,
    "ancestor leader": 200,
    "ancestor council": 403,
    "ancestor administrator": 200,
    "sibling": 404,  # a union outside one's sight, named in the query string, is not found
    "child": 404,
    "outsider": 404,
    "superuser": 200,
}


@pytest.mark.parametrize(("relation", "status"), CREATE.items(), ids=list(CREATE))
def test_adding_a_person_to_the_union(client_for, cast, tree, relation, status):
    response = client_for(cast[relation]).get(reverse("orgs:person-create"), {"unit": tree.MAY.pk})
    assert response.status_code == status


# --- accounts: the roles of May Việt Tiến ------------------------------------------------------------------------

ACCOUNTS = {
    "own officer": 403,
    "own leader": 403,
    "parent leader": 403,
    "ancestor officer": 403,
    "ancestor leader": 403,
    "ancestor council": 403,
    "ancestor administrator": 200,
    "sibling": 404,
    "child": 404,
    "outsider": 404,
    "superuser": 200,
}


@pytest.mark.parametrize(("relation", "status"), ACCOUNTS.items(), ids=list(ACCOUNTS))
def test_granting_a_role(client_for, cast, tree, relation, status):
    url = reverse("orgs:unit-roles", args=[tree.MAY.pk])
    client = client_for(cast[relation])
    assert client.get(url).status_code == status
    response = client.post(url, {"role": "viewer", "account": "existing", "username": "thpt_officer"})
    granted = RoleAssignment.objects.filter(user__username="thpt_officer", unit=tree.MAY).exists()
    assert (response.status_code, granted) == ((302, True) if status == 200 else (status, False))


@pytest.mark.parametrize(("relation", "status"), ACCOUNTS.items(), ids=list(ACCOUNTS))
def test_revoking_a_role(client_for, cast, tree, users, relation, status):
    role = RoleAssignment.objects.get(user=users.grassroots_officer, unit=tree.MAY)
    response = client_for(cast[relation]).post(reverse("orgs:role-revoke", args=[role.pk]))
    revoked = not RoleAssignment.objects.filter(pk=role.pk).exists()
    assert (response.status_code, revoked) == ((302, True) if status == 200 else (status, False))


# --- transfers: May Việt Tiến asks for Phạm Văn Bình of Giày Trà Vinh --------------------------------------------

DECIDE = {
    "giay officer": 302,  # the person's own union
    "giay parent": 302,  # its parent
    "outsider": 302,  # an ancestor (officer of Trà Vinh)
    "superuser": 302,
    "own officer": 403,  # the asking union sees its request but does not decide it
    "ancestor leader": 403,  # above the asking union: sees, does not decide
    "giay sibling": 404,
    "sibling": 404,
    "child": 404,
}


@pytest.mark.parametrize(("relation", "status"), DECIDE.items(), ids=list(DECIDE))
def test_deciding_a_transfer_request(client_for, cast, tree, users, relation, status):
    asked = actions.request_transfer(by=users.grassroots_officer, to_unit=tree.MAY, national_id=BINH_ID,
                                     full_name="Phạm Văn Bình")  # fmt: skip
    response = client_for(cast[relation]).post(
        reverse("orgs:transfer-request-detail", args=[asked.pk]), {"decision": "accept"}
    )
    assert response.status_code == status
    accepted = TransferRequest.objects.get(pk=asked.pk).status == TransferRequest.Status.ACCEPTED
    assert accepted == (status == 302)
    assert (Person.objects.get(national_id=BINH_ID).unit_id == tree.MAY.pk) == accepted


WITHDRAW = {
    "own officer": 302,  # the one who asked
    "own leader": 302,  # manages people of the asking union
    "parent leader": 302,
    "superuser": 302,
    "giay officer": 403,  # the person's union decides, it does not withdraw
    "ancestor council": 403,
    "giay sibling": 404,
    "sibling": 404,
    "child": 404,
}


@pytest.mark.parametrize(("relation", "status"), WITHDRAW.items(), ids=list(WITHDRAW))
def test_withdrawing_a_transfer_request(client_for, cast, tree, users, relation, status):
    asked = actions.request_transfer(by=users.grassroots_officer, to_unit=tree.MAY, national_id=BINH_ID,
                                     full_name="Phạm Văn Bình")  # fmt: skip
    response = client_for(cast[relation]).post(reverse("orgs:transfer-request-withdraw", args=[asked.pk]))
    assert response.status_code == status
    withdrawn = TransferRequest.objects.get(pk=asked.pk).status == TransferRequest.Status.WITHDRAWN
    assert withdrawn == (status == 302)


# --- a direct transfer checks both sides ------------------------------------------------------------------------

DIRECT = {
    "own officer": False,  # manages May Việt Tiến, not THPT
    "parent leader": True,  # manages both (Châu Thành)
    "ancestor officer": True,
    "ancestor council": False,
    "sibling": False,  # manages THPT, not May Việt Tiến
    "outsider": False,
    "superuser": True,
}


@pytest.mark.parametrize(("relation", "allowed"), DIRECT.items(), ids=list(DIRECT))
def test_a_direct_transfer_from_may_to_thpt(cast, tree, people, relation, allowed):
    from django.core.exceptions import PermissionDenied

    hao = people.tran_hao
    if allowed:
        actions.transfer_person(hao, tree.THPT, by=cast[relation], on=datetime.date(2025, 7, 1))
    else:
        with pytest.raises(PermissionDenied):
            actions.transfer_person(hao, tree.THPT, by=cast[relation], on=datetime.date(2025, 7, 1))
    assert (Person.objects.get(pk=hao.pk).unit_id == tree.THPT.pk) == allowed
