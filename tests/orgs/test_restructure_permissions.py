"""Who may restructure a unit: an act of the level above (issue 8, "Who may restructure").

Renaming and moving a unit need ``manage_units`` on its parent or higher; dissolving and merging it also need a
leader's ``approve`` there; a role on the unit itself is not enough. A unit outside the user's sight answers 404,
one in sight but not restructurable 403, and neither changes anything. The units offered and accepted as a new
parent, a merger's target or a person's new union are those the user manages, not those it only sees. Nobody but a
system administrator changes a system administrator's roles.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.orgs import actions
from thidua.orgs.models import Membership, RestructuringRequest, RoleAssignment, Unit, UnitEvent
from thidua.orgs.permissions import can_restructure_unit

pytestmark = pytest.mark.django_db

D2025 = datetime.date(2025, 7, 1)
EFFECTIVE = "01/07/2025"


def post_data(tree, operation: str) -> dict:
    """A valid submission of each restructuring of May Việt Tiến (MAY, under Châu Thành)."""
    return {
        "rename": {"name": "Công đoàn cơ sở Công ty May mới", "short_name": "", "effective_on": EFFECTIVE},
        "move": {"new_parent": tree.TPBT.pk, "effective_on": EFFECTIVE},
        "merge": {"direction": "into_other", "target": tree.THPT.pk, "effective_on": EFFECTIVE},
        "dissolve": {"effective_on": EFFECTIVE, "decision": "9/QĐ"},
    }[operation]


def state(code: str) -> tuple:
    """What a restructuring of the unit would change."""
    unit = Unit.objects.get(code=code)
    return (
        unit.name,
        unit.path,
        unit.dissolved_on,
        unit.merged_into_id,
        UnitEvent.objects.filter(unit=unit).count(),
        Membership.objects.filter(unit=unit, left_on__isnull=True).count(),
    )


def was_done(operation: str, tree) -> bool:
    unit = Unit.objects.get(code="MAY")
    return {
        "rename": unit.name == "Công đoàn cơ sở Công ty May mới",
        "move": unit.path.startswith(tree.TPBT.path),
        "merge": unit.merged_into_id == tree.THPT.pk and unit.dissolved_on == D2025,
        "dissolve": unit.dissolved_on == D2025 and unit.merged_into_id is None,
    }[operation]


OPERATIONS = ["rename", "move", "merge", "dissolve"]

# (relation of the acting user's unit to the unit restructured, user, unit code, operation -> expected status)
ALLOWED = [
    # the leader of the parent (Châu Thành) renames, merges, dissolves; moving needs a new parent it manages (below)
    ("parent", "district_leader", "MAY", {"rename", "merge", "dissolve"}),
    ("ancestor", "province_leader", "MAY", set(OPERATIONS)),
    ("superuser", "admin", "MAY", set(OPERATIONS)),
]
DENIED = [
    ("own unit", "grassroots_officer", "MAY", 403),
    ("own unit, a leader", "district_leader", "CT", 403),
    ("sibling", "grassroots_officer", "THPT", 404),
    ("child", "district_leader", "BT", 404),
    ("outsider", "outsider", "MAY", 404),
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(("relation", "username", "code", "allowed"), ALLOWED, ids=[r[0] for r in ALLOWED])
def test_the_level_above_restructures(
    client_for, users, tree, relation, username, code, allowed, operation, carry_out
):
    """Prepared and approved by the same leader (or system administrator) of the level above."""
    client = client_for(getattr(users, username))
    url = reverse(f"orgs:unit-{operation}", args=[getattr(tree, code).pk])
    assert client.get(url).status_code == 200
    before = state(code)
    response = carry_out(client, url, post_data(tree, operation))
    if operation in allowed:
        assert response.status_code == 302
        assert was_done(operation, tree)
    else:  # the parent's leader may move the union, but only under a unit it manages: Bến Tre city is not one
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["new_parent"]
        assert state(code) == before


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(("relation", "username", "code", "status"), DENIED, ids=[r[0] for r in DENIED])
def test_others_may_not_restructure(client_for, users, tree, relation, username, code, status, operation):
    client = client_for(getattr(users, username))
    url = reverse(f"orgs:unit-{operation}", args=[getattr(tree, code).pk])
    before = state(code)
    assert client.get(url).status_code == status
    assert client.post(url, post_data(tree, operation)).status_code == status
    assert state(code) == before


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_officer_above_prepares_and_only_a_leader_above_approves(client_for, users, tree, operation):
    officer = client_for(users.province_officer)
    before = state("MAY")
    response = officer.post(reverse(f"orgs:unit-{operation}", args=[tree.MAY.pk]), post_data(tree, operation))
    assert response.status_code == 302
    request = RestructuringRequest.objects.get(unit=tree.MAY)
    assert response.url == reverse("orgs:restructuring-detail", args=[request.pk])
    assert state("MAY") == before  # prepared, not done
    approve = reverse("orgs:restructuring-transition", args=[request.pk, "approve"])
    assert officer.post(approve, {"confirm": "on"}).status_code == 403
    assert client_for(users.grassroots_officer).post(approve, {"confirm": "on"}).status_code == 403
    assert client_for(users.outsider).post(approve, {"confirm": "on"}).status_code == 404
    assert state("MAY") == before
    assert client_for(users.province_leader).post(approve, {"confirm": "on"}).status_code == 302
    assert was_done(operation, tree)


def test_the_grassroots_officer_cannot_dissolve_its_own_union(client_for, users, tree):
    with pytest.raises(PermissionDenied):
        actions.dissolve_unit(tree.MAY, by=users.grassroots_officer, effective_on=D2025)
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:unit-dissolve", args=[tree.MAY.pk]), {"effective_on": EFFECTIVE}
    )
    assert response.status_code == 403
    assert Unit.objects.get(pk=tree.MAY.pk).dissolved_on is None
    assert Membership.objects.filter(unit=tree.MAY, left_on__isnull=True).count() == 3


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_actions_refuse_a_user_who_may_not(users, tree, operation):
    """API and imports call the actions: these refuse too, and ``by=None`` (the system) may."""
    call = {
        "rename": lambda by: actions.rename_unit(tree.MAY, by=by, name="Tên khác", effective_on=D2025),
        "move": lambda by: actions.move_unit(tree.MAY, tree.TPBT, by=by, effective_on=D2025),
        "merge": lambda by: actions.merge_units([tree.MAY], tree.THPT, by=by, effective_on=D2025),
        "dissolve": lambda by: actions.dissolve_unit(tree.MAY, by=by, effective_on=D2025),
    }[operation]
    before = state("MAY")
    for user in (users.grassroots_officer, users.outsider, users.council_member):
        with pytest.raises(PermissionDenied):
            call(user)
    assert state("MAY") == before
    call(None)
    assert state("MAY") != before


def test_a_manager_of_one_unit_and_viewer_of_another_cannot_move_into_the_viewed_one(client_for, users, tree):
    actions.grant_role(users.district_leader, tree.BT, "viewer", by=None)
    client = client_for(users.district_leader)
    search = client.get(
        reverse("orgs:unit-search", args=[tree.MAY.pk]), {"purpose": "parent", "field": "new_parent", "q": ""}
    )
    assert f'value="{tree.TPBT.pk}"' not in search.content.decode()
    response = client.post(reverse("orgs:unit-move", args=[tree.MAY.pk]), post_data(tree, "move"))
    assert list(response.context["form"].errors) == ["new_parent"]
    with pytest.raises(PermissionDenied):
        actions.move_unit(tree.MAY, tree.TPBT, by=users.district_leader, effective_on=D2025)
    with pytest.raises(PermissionDenied):
        actions.merge_units([tree.MAY], tree.DUA, by=users.district_leader, effective_on=D2025)
    assert Unit.objects.get(pk=tree.MAY.pk).path.startswith(tree.CT.path)


def test_a_root_unit_is_restructured_only_by_a_system_administrator(users, tree):
    assert not can_restructure_unit(
        users.province_leader, tree.BT
    )  # its own unit, the level above is the root
    assert not can_restructure_unit(users.province_leader, tree.TLD)
    assert can_restructure_unit(users.admin, tree.TLD, ending=True)
    actions.rename_unit(tree.TLD, by=users.admin, name="Tổng Liên đoàn", effective_on=D2025)
    assert Unit.objects.get(pk=tree.TLD.pk).name == "Tổng Liên đoàn"


def test_founding_a_unit_below_ones_own_stays_allowed(client_for, users, tree):
    response = client_for(users.grassroots_officer).get(reverse("orgs:unit-create", args=[tree.MAY.pk]))
    assert response.status_code == 200


def test_the_unit_page_offers_only_the_restructurings_the_user_may_do(client_for, users, tree):
    detail = reverse("orgs:unit-detail", args=[tree.MAY.pk])
    own = client_for(users.grassroots_officer).get(detail).content.decode()
    assert reverse("orgs:unit-update", args=[tree.MAY.pk]) in own
    for operation in [*OPERATIONS, "archive"]:
        assert reverse(f"orgs:unit-{operation}", args=[tree.MAY.pk]) not in own
    officer_above = client_for(users.province_officer).get(detail).content.decode()
    for operation in OPERATIONS:  # the officer above prepares every restructuring, for its leader to approve
        assert reverse(f"orgs:unit-{operation}", args=[tree.MAY.pk]) in officer_above
    assert reverse("orgs:unit-reopen", args=[tree.MAY.pk]) not in officer_above
    leader_above = client_for(users.district_leader).get(detail).content.decode()
    for operation in ["rename", "merge", "dissolve", "archive"]:
        assert reverse(f"orgs:unit-{operation}", args=[tree.MAY.pk]) in leader_above
    # Châu Thành's leader manages no other upper-level union: there is nowhere to move May Việt Tiến.
    assert reverse("orgs:unit-move", args=[tree.MAY.pk]) not in leader_above
    province = client_for(users.province_leader).get(detail).content.decode()
    assert reverse("orgs:unit-move", args=[tree.MAY.pk]) in province


def test_move_and_merge_are_not_offered_without_a_target_the_user_manages(client_for, users, tree):
    """The leader of Châu Thành may end THPT, but once May Việt Tiến is gone there is no grassroots union it
    manages to merge THPT with, and no other upper-level union to move it to: neither is offered."""
    actions.dissolve_unit(tree.MAY, by=None, effective_on=D2025)
    html = (
        client_for(users.district_leader)
        .get(reverse("orgs:unit-detail", args=[tree.THPT.pk]))
        .content.decode()
    )
    assert reverse("orgs:unit-dissolve", args=[tree.THPT.pk]) in html
    assert reverse("orgs:unit-merge", args=[tree.THPT.pk]) not in html
    assert reverse("orgs:unit-move", args=[tree.THPT.pk]) not in html


# --- the roles of a system administrator ------------------------------------------------------------------------


@pytest.fixture
def subtree_admin(tree):
    user = get_user_model().objects.create_user(username="bt_admin", password="x")
    actions.grant_role(user, tree.BT, RoleAssignment.Role.ADMIN, by=None)
    return user


def test_a_subtree_administrator_cannot_grant_a_role_to_a_system_administrator(
    client_for, users, tree, subtree_admin
):
    response = client_for(subtree_admin).post(
        reverse("orgs:unit-roles", args=[tree.BT.pk]),
        {"role": "viewer", "account": "existing", "username": "admin"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["username"]
    assert not RoleAssignment.objects.filter(user=users.admin, unit=tree.BT).exists()
    with pytest.raises(PermissionDenied):
        actions.grant_role(users.admin, tree.BT, "viewer", by=subtree_admin)


def test_a_subtree_administrator_cannot_revoke_a_system_administrators_role(
    client_for, users, tree, subtree_admin
):
    assignment = actions.grant_role(users.admin, tree.BT, "viewer", by=None)
    client = client_for(subtree_admin)
    assert (
        f'action="{reverse("orgs:role-revoke", args=[assignment.pk])}"'
        not in client.get(reverse("orgs:unit-roles", args=[tree.BT.pk])).content.decode()
    )
    assert client.post(reverse("orgs:role-revoke", args=[assignment.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.revoke_role(assignment, by=subtree_admin)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    users.admin.refresh_from_db()
    assert users.admin.is_superuser


def test_a_system_administrator_changes_another_system_administrators_roles(users, tree):
    other = get_user_model().objects.create_superuser(username="root2", password="x")
    assignment = actions.grant_role(other, tree.BT, "viewer", by=users.admin)
    actions.revoke_role(assignment, by=users.admin)
    assert not RoleAssignment.objects.filter(user=other).exists()
    other.refresh_from_db()
    assert other.is_superuser  # revoking another role leaves the system administrator's rights alone


def test_an_import_cannot_rename_the_users_own_union(tree, users):
    from thidua.orgs.imports import import_units

    from .test_imports_units import unit_row
    from .xlsx_files import UNIT_HEADER, xlsx

    row = unit_row("MAY", "Công đoàn cơ sở Công ty May tự đổi tên", sector="FDI")
    result = import_units(xlsx([UNIT_HEADER, row]), by=users.grassroots_officer)
    assert result.errors == [
        {
            "row": 2,
            "column": "Tên đơn vị",
            "message": "Đổi tên đơn vị “MAY” là việc của đơn vị cấp trên; hãy giữ tên hiện tại.",
        }
    ]
    assert Unit.objects.get(code="MAY").name == tree.MAY.name
