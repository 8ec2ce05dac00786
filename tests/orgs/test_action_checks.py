"""The actions check their acting user themselves (issue 8): whatever calls them — a page, the API, an import, a
command — adding, editing, ending the membership of, archiving, restoring or transferring a person, founding or
editing a unit, granting or revoking a role and asking for a transfer are refused (``PermissionDenied``) to a user
without the right relation to the unit, and nothing changes: no row, no audit record.

Relations to Công đoàn cơ sở May Việt Tiến (MAY): own unit (its officer), parent (Châu Thành's leader), ancestor
(Bến Tre's officer; Bến Tre's council member, who only sees), sibling (THPT's officer), child (an officer of a
team under MAY), outsider (Trà Vinh's officer); the system administrator.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from thidua.core.models import AuditEvent
from thidua.orgs import actions
from thidua.orgs.models import Membership, Person, RoleAssignment, TransferRequest, Unit

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 7, 1)


def user_with_role(username: str, unit: Unit, role: str = "officer"):
    user = get_user_model().objects.create_user(username, password="x")
    actions.grant_role(user, unit, role, by=None)
    return user


@pytest.fixture
def relations(tree, users):
    team = actions.create_unit(tree.MAY, by=None, code="TOMAY", name="Tổ công đoàn Phân xưởng 1",
                               level="sub_grassroots", founded_on=datetime.date(2016, 1, 1))  # fmt: skip
    return {
        "own": users.grassroots_officer,
        "parent": users.district_leader,
        "ancestor": users.province_officer,
        "ancestor council": users.council_member,
        "sibling": user_with_role("thpt_officer", tree.THPT),
        "child": user_with_role("to_officer", team),
        "outsider": users.outsider,
        "superuser": users.admin,
    }


def state() -> tuple:
    """Everything the actions below may touch: people, memberships, units, roles, requests, and the audit trail."""
    return (
        sorted(Person.objects.values_list("pk", "full_name", "unit_id", "archived_at", "phone")),
        sorted(Membership.objects.values_list("pk", "unit_id", "left_on", "left_reason", "card_number")),
        sorted(Unit.objects.values_list("pk", "name", "address", "path")),
        sorted(RoleAssignment.objects.values_list("pk", "user_id", "unit_id", "role")),
        sorted(TransferRequest.objects.values_list("pk", "status")),
        AuditEvent.objects.count(),
    )


# Who may act on a person of MAY (manage_people on MAY or above): own, parent, ancestor officer, superuser.
ON_PERSON = {"own": True, "parent": True, "ancestor": True, "ancestor council": False, "sibling": False,
             "child": False, "outsider": False, "superuser": True}  # fmt: skip

PERSON_ACTIONS = {
    "update_person": lambda p, by: actions.update_person(p, by=by, phone="0912345678"),
    "update_membership": lambda p, by: actions.update_person(p, by=by, membership={"card_number": "TV-9"}),
    "end_membership": lambda p, by: actions.end_membership(p, by=by, on=D, reason="retired"),
    "archive_person": lambda p, by: actions.archive_person(p, by=by, note="Trùng hồ sơ"),
}


@pytest.mark.parametrize("action", PERSON_ACTIONS)
@pytest.mark.parametrize(("relation", "allowed"), ON_PERSON.items(), ids=list(ON_PERSON))
def test_the_people_actions_check_the_acting_user(relations, people, action, relation, allowed):
    before = state()
    if allowed:
        PERSON_ACTIONS[action](people.tran_hao, relations[relation])
        assert state() != before
    else:
        with pytest.raises(PermissionDenied):
            PERSON_ACTIONS[action](people.tran_hao, relations[relation])
        assert state() == before


@pytest.mark.parametrize(("relation", "allowed"), ON_PERSON.items(), ids=list(ON_PERSON))
def test_restoring_a_person_checks_the_acting_user(relations, people, relation, allowed):
    hao = actions.archive_person(people.tran_hao, by=None, note="Nhầm")
    before = state()
    if allowed:
        actions.restore_person(hao, by=relations[relation])
        assert Person.objects.get(pk=hao.pk).archived_at is None
    else:
        with pytest.raises(PermissionDenied):
            actions.restore_person(hao, by=relations[relation])
        assert state() == before


@pytest.mark.parametrize(("relation", "allowed"), ON_PERSON.items(), ids=list(ON_PERSON))
def test_adding_a_person_checks_the_acting_user(relations, tree, relation, allowed):
    before = state()
    add = lambda: actions.create_person(by=relations[relation], unit=tree.MAY, full_name="Ngô Thị Lan")  # noqa: E731
    if allowed:
        add()
        assert Person.objects.filter(full_name="Ngô Thị Lan", unit=tree.MAY).exists()
    else:
        with pytest.raises(PermissionDenied):
            add()
        assert state() == before


def test_the_check_reads_the_persons_union_from_the_database(relations, people, tree):
    """A caller cannot pass a person object whose union it changed in memory to slip past the check."""
    hao = people.tran_hao
    hao.unit = tree.THPT
    before = state()
    with pytest.raises(PermissionDenied):
        actions.update_person(hao, by=relations["sibling"], phone="0912345678")
    assert state() == before


# Transfers from MAY to THPT (both under Châu Thành): manage people on both sides.
TRANSFER = {"own": False, "parent": True, "ancestor": True, "ancestor council": False, "sibling": False,
            "child": False, "outsider": False, "superuser": True}  # fmt: skip


@pytest.mark.parametrize(("relation", "allowed"), TRANSFER.items(), ids=list(TRANSFER))
def test_a_transfer_checks_both_sides(relations, people, tree, relation, allowed):
    before = state()
    move = lambda: actions.transfer_person(people.tran_hao, tree.THPT, by=relations[relation], on=D)  # noqa: E731
    if allowed:
        move()
        assert Person.objects.get(pk=people.tran_hao.pk).unit_id == tree.THPT.pk
    else:
        with pytest.raises(PermissionDenied):
            move()
        assert state() == before


# Units: founding under MAY and editing MAY's facts need manage_units on MAY or above.
@pytest.mark.parametrize(("relation", "allowed"), ON_PERSON.items(), ids=list(ON_PERSON))
def test_founding_and_editing_a_unit_check_the_acting_user(relations, tree, relation, allowed):
    by = relations[relation]
    before = state()
    found = lambda: actions.create_unit(tree.MAY, by=by, code="TO2", name="Tổ công đoàn Phân xưởng 2",  # noqa: E731
                                        level="sub_grassroots")  # fmt: skip
    edit = lambda: actions.update_unit(tree.MAY, by=by, address="Ấp 3, xã Tân Thạch")  # noqa: E731
    if allowed:
        found()
        edit()
        assert Unit.objects.get(pk=tree.MAY.pk).address == "Ấp 3, xã Tân Thạch"
    else:
        for call in (found, edit):
            with pytest.raises(PermissionDenied):
                call()
        assert state() == before


def test_only_a_system_administrator_founds_a_root(users):
    before = state()
    with pytest.raises(PermissionDenied):
        actions.create_unit(
            None, by=users.province_leader, code="TLD2", name="Tổng Liên đoàn 2", level="national"
        )
    assert state() == before
    actions.create_unit(None, by=users.admin, code="TLD2", name="Tổng Liên đoàn 2", level="national")


# Roles on MAY: manage_accounts on MAY or above (an administrator), and never on a system administrator.
ROLES = {"own": False, "parent": False, "ancestor": False, "ancestor council": False, "sibling": False,
         "child": False, "outsider": False, "superuser": True, "ancestor administrator": True}  # fmt: skip


@pytest.mark.parametrize(("relation", "allowed"), ROLES.items(), ids=list(ROLES))
def test_granting_and_revoking_roles_check_the_acting_user(relations, tree, users, relation, allowed):
    relations["ancestor administrator"] = user_with_role("bt_admin", tree.BT, "admin")
    by = relations[relation]
    target = relations["sibling"]
    existing = RoleAssignment.objects.get(user=users.grassroots_officer, unit=tree.MAY)
    before = state()
    if allowed:
        actions.grant_role(target, tree.MAY, "viewer", by=by)
        actions.revoke_role(existing, by=by)
        assert RoleAssignment.objects.filter(user=target, unit=tree.MAY).exists()
        assert not RoleAssignment.objects.filter(pk=existing.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.grant_role(target, tree.MAY, "viewer", by=by)
        with pytest.raises(PermissionDenied):
            actions.revoke_role(existing, by=by)
        assert state() == before


# Asking for Phạm Văn Bình (Giày Trà Vinh) to come to MAY: manage people of MAY (the system administrator manages
# Giày Trà Vinh too: it transfers directly, see test_transfer_requests.py).
ASK = {relation: allowed for relation, allowed in ON_PERSON.items() if relation != "superuser"}


@pytest.mark.parametrize(("relation", "allowed"), ASK.items(), ids=list(ASK))
def test_asking_for_a_transfer_checks_the_acting_user(relations, tree, relation, allowed):
    before = state()
    ask = lambda: actions.request_transfer(by=relations[relation], to_unit=tree.MAY,  # noqa: E731
                                           national_id="084087000009", full_name="Phạm Văn Bình")  # fmt: skip
    if allowed:
        ask()
        assert TransferRequest.objects.filter(to_unit=tree.MAY).exists()
    else:
        with pytest.raises(PermissionDenied):
            ask()
        assert state() == before


def test_the_bulk_actions_check_the_acting_user(relations, tree, people):
    """Imports check each row and report it; the bulk actions refuse whatever slipped past those checks."""
    from thidua.orgs.actions import NewUnit, PersonUpsert

    before = state()
    sibling = relations["sibling"]
    with pytest.raises(PermissionDenied):
        actions.create_units(
            [NewUnit(code="TO3", name="Tổ 3", level="sub_grassroots", parent_code="MAY")], by=sibling
        )
    with pytest.raises(PermissionDenied):
        actions.update_units([(tree.MAY, {"address": "Nơi khác"})], by=sibling, effective_on=D)
    with pytest.raises(PermissionDenied):
        actions.upsert_people(
            [PersonUpsert(row=2, full_name="Ngô Thị Lan", unit_code="MAY", unit=tree.MAY)], by=sibling
        )
    hao = Person.objects.get(pk=people.tran_hao.pk)
    with pytest.raises(PermissionDenied):  # an existing person of MAY "updated" into THPT by THPT's officer
        actions.upsert_people(
            [PersonUpsert(row=2, full_name=hao.full_name, unit_code="THPT", unit=tree.THPT, existing=hao)],
            by=sibling,
        )
    assert state() == before


@pytest.mark.parametrize(("relation", "allowed"), ROLES.items(), ids=list(ROLES))
def test_creating_an_account_needs_the_administration_of_some_unit(relations, tree, relation, allowed):
    relations["ancestor administrator"] = user_with_role("bt_admin", tree.BT, "admin")
    before = get_user_model().objects.count()
    create = lambda: actions.create_account(by=relations[relation], username="moi", full_name="Người Mới",  # noqa: E731
                                            password="mat-khau-dai-123")  # fmt: skip
    if allowed:
        create()
        assert get_user_model().objects.filter(username="moi").exists()
    else:
        with pytest.raises(PermissionDenied):
            create()
        assert get_user_model().objects.count() == before
