"""Reversing a dissolution entered by mistake (issue 8): the level above reopens the unit and what the dissolution
ended comes back — the memberships (each person's audit trail says so) and the roles held on the unit (granted
again, each audited) — but not what ended before it or what moved on since."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.orgs import actions
from thidua.orgs.models import Membership, RoleAssignment, Unit

from .test_restructuring_requests import prepare_dissolution

pytestmark = pytest.mark.django_db


def test_reopening_gives_back_the_roles_and_memberships_the_dissolution_ended(
    users, tree, people, client_for
):
    viewer = get_user_model().objects.create_user("may_viewer", password="x")
    actions.grant_role(viewer, tree.MAY, "viewer", by=None)
    gone = get_user_model().objects.create_user("may_former", password="x")
    earlier = actions.grant_role(gone, tree.MAY, "officer", by=None)
    actions.revoke_role(earlier, by=None)  # revoked before the dissolution: stays revoked
    actions.approve_restructuring(prepare_dissolution(users, tree), by=users.district_leader)
    assert not RoleAssignment.objects.filter(unit=tree.MAY).exists()
    edit = reverse("orgs:person-update", args=[people.tran_hao.pk])
    assert client_for(users.grassroots_officer).get(edit).status_code == 404

    actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhập nhầm quyết định")

    roles = set(RoleAssignment.objects.filter(unit=tree.MAY).values_list("user__username", "role"))
    assert roles == {("grassroots_officer", "officer"), ("may_viewer", "viewer")}
    granted = history_of(RoleAssignment.objects.get(unit=tree.MAY, user=users.grassroots_officer))
    assert [(e.action, e.actor, e.note) for e in granted] == [
        ("grant", users.district_leader, f"Cấp lại khi hủy quyết định giải thể “{tree.MAY.name}”")
    ]
    assert Membership.objects.filter(unit=tree.MAY, left_on__isnull=True).count() == 3
    person_trail = history_of(people.tran_hao).filter(note__startswith="Sinh hoạt lại")
    assert [(e.actor, e.changes["left_on"][1]) for e in person_trail] == [(users.district_leader, None)]
    record = history_of(Unit.objects.get(pk=tree.MAY.pk)).get(action="reopen")
    assert "mở lại 3 lượt sinh hoạt, cấp lại 2 vai trò" in record.note
    # the officer works in the union again
    assert client_for(users.grassroots_officer).get(edit).status_code == 200


def test_a_second_dissolution_and_reopening_give_back_only_what_the_last_one_ended(users, tree):
    actions.dissolve_unit(tree.MAY, by=None, effective_on=datetime.date(2025, 7, 1))
    actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhầm lần một")
    assignment = RoleAssignment.objects.get(unit=tree.MAY, user=users.grassroots_officer)
    actions.revoke_role(assignment, by=None)  # revoked on its own while the union was open again
    actions.dissolve_unit(tree.MAY, by=None, effective_on=datetime.date(2025, 7, 2))
    actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhầm lần hai")
    assert not RoleAssignment.objects.filter(unit=tree.MAY).exists()


def test_a_role_granted_again_by_hand_is_not_doubled(users, tree):
    actions.dissolve_unit(tree.MAY, by=None, effective_on=datetime.date(2025, 7, 1))
    actions.grant_role(users.grassroots_officer, tree.MAY, "officer", by=None)
    actions.reopen_unit(tree.MAY, by=users.district_leader, reason="Nhầm")
    assert RoleAssignment.objects.filter(unit=tree.MAY, user=users.grassroots_officer).count() == 1
