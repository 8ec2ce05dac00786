"""Who may do what in the orgs app, and the roles themselves.

``orgs`` owns accounts and roles: it declares the roles (``RoleAssignment.Role``) to the registry in
``thidua.core.permissions`` and plugs the scope provider (``grants_of``: the subtrees a user holds roles on, and
those inherited through mergers) into ``thidua.core.scoping``. It declares only its own permissions; every other app
declares its own in its ``permissions.py``. The checks are plain functions over ``has_perm``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import VIEW, declare_permission, declare_role
from thidua.core.scoping import has_perm, sees_everything, set_scope_provider, subtree_q
from thidua.core.workflow import Transition, Workflow, register

from .models import Person, RestructuringEvent, RestructuringRequest, RoleAssignment, TransferRequest, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
for _role in Role:
    declare_role(_role.value, everything=_role == Role.ADMIN)

MANAGE_UNITS = declare_permission("manage_units", roles=[Role.LEADER, Role.OFFICER], app="orgs",
                                  label=_("Quản lý đơn vị"))  # fmt: skip
MANAGE_PEOPLE = declare_permission("manage_people", roles=[Role.LEADER, Role.OFFICER], app="orgs",
                                   label=_("Quản lý người lao động"))  # fmt: skip
MANAGE_ACCOUNTS = declare_permission("manage_accounts", roles=[], app="orgs", label=_("Quản lý tài khoản"))
# The leader's signature: declared by every app whose workflow needs it (plans too); here it gates ending a unit.
APPROVE = declare_permission("approve", roles=[Role.LEADER], app="orgs", label=_("Duyệt, ký"))
EXPORT = declare_permission("export", roles=[Role.LEADER, Role.OFFICER, Role.COUNCIL, Role.VIEWER], app="orgs",
                            label=_("Xuất dữ liệu"))  # fmt: skip


# --- the scope provider ---------------------------------------------------------------------------------------


def grants_of(user: User) -> list[tuple[str, frozenset[str]]]:
    """The subtrees the user holds roles on (archived units aside), each with its role's permissions, and the
    units merged into them: one query, plus one per generation of merged units."""
    from thidua.core.permissions import permissions_of

    rows = RoleAssignment.objects.filter(user=user, unit__archived_at__isnull=True).values_list(
        "unit__path", "role"
    )
    grants = [(path, permissions_of(role)) for path, role in rows]
    return grants + _inherited_grants(grants)


def _inherited_grants(grants: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """A unit that merged into a unit of the user's subtree is inherited with its records and history (the 2017
    plans of a provincial federation merged in 2025 belong to its successor): the merged unit's subtree is
    covered with the same permissions, across successive mergers."""
    inherited: list[tuple[str, frozenset[str]]] = []
    frontier = grants
    seen = {path for path, _ in grants}
    while frontier:
        merged = Unit.objects.filter(subtree_q("merged_into__path", [p for p, _ in frontier])).values_list(
            "path", "merged_into__path"
        )
        perms_of = dict(frontier)
        frontier = []
        for path, successor_path in merged:
            if path in seen:
                continue
            seen.add(path)
            granted = frozenset().union(
                *(perms for root, perms in perms_of.items() if successor_path.startswith(root))
            )
            frontier.append((path, granted))
        inherited += frontier
    return inherited


set_scope_provider(grants_of)


# --- the checks -----------------------------------------------------------------------------------------------


def can_view_unit(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_perm(user, VIEW, unit.path)


def can_manage_unit(user: User | AnonymousUser, unit: Unit) -> bool:
    """Edit a unit's facts and found units under it (a role on it or above it); restructuring it is
    ``can_restructure_unit``. Also: the unit may be chosen as the new parent or the target of a restructuring."""
    return has_perm(user, MANAGE_UNITS, unit.path)


def can_restructure_unit(user: User | AnonymousUser, unit: Unit, *, ending: bool = False) -> bool:
    """Rename, move, merge, dissolve, archive or restore a unit: an act of the level above. It needs
    ``manage_units`` on the unit's parent or higher (a role on the unit itself is not enough); a root unit only a
    system administrator restructures. Ending the unit (dissolving, merging it) also needs a leader's ``approve``
    there."""
    if unit.depth <= 1:
        return sees_everything(user)
    parent_path = unit.path[: -Unit.steplen]
    if not has_perm(user, MANAGE_UNITS, parent_path):
        return False
    return not ending or has_perm(user, APPROVE, parent_path)


def can_change_roles_of(user: User | AnonymousUser | None, target: User) -> bool:
    """Grant, change or revoke a role of ``target``: nobody but a system administrator touches a system
    administrator's roles."""
    return not target.is_superuser or sees_everything(user)


def can_manage_people(user: User | AnonymousUser, unit: Unit) -> bool:
    """Add, edit, transfer and import people of this unit's subtree."""
    return has_perm(user, MANAGE_PEOPLE, unit.path)


def can_manage_accounts(user: User | AnonymousUser, unit: Unit) -> bool:
    return has_perm(user, MANAGE_ACCOUNTS, unit.path)


def can_manage_person(user: User | AnonymousUser, person: Person) -> bool:
    """Edit, transfer, end the membership of, archive or restore a person: manage the union that holds them."""
    return person.unit is not None and has_perm(user, MANAGE_PEOPLE, person.unit.path)


def can_see_personal_data(user: User | AnonymousUser, person: Person) -> bool:
    """National ID numbers and birth dates in full: only for those who manage the person's union."""
    return person.unit is not None and has_perm(user, MANAGE_PEOPLE, person.unit.path)


def can_see_phone(user: User | AnonymousUser, person: Person) -> bool:
    """Phone numbers in full: like national IDs, only for those who manage the person's union."""
    return can_see_personal_data(user, person)


def can_request_transfer(user: User | AnonymousUser, to_unit: Unit) -> bool:
    """Ask another branch to let a person transfer into ``to_unit``: manage people there."""
    return has_perm(user, MANAGE_PEOPLE, to_unit.path)


def can_decide_transfer(user: User | AnonymousUser, request: TransferRequest) -> bool:
    """Accept or refuse: manage people of the person's current union (or a level above it, the common one too)."""
    return request.is_pending and has_perm(user, MANAGE_PEOPLE, request.from_unit.path)


def can_withdraw_transfer(user: User | AnonymousUser, request: TransferRequest) -> bool:
    """Withdraw a request still pending: the one who made it, or whoever manages people of the asking union."""
    if not request.is_pending:
        return False
    return getattr(user, "pk", None) == request.requested_by_id or has_perm(
        user, MANAGE_PEOPLE, request.to_unit.path
    )


def can_transfer_person(user: User | AnonymousUser, person: Person, to_unit: Unit) -> bool:
    """Move a person from their union to ``to_unit`` directly: manage people on both sides. Between branches the
    way is a transfer request, which carries the asking union's authority to the one that accepts it."""
    return can_manage_person(user, person) and has_perm(user, MANAGE_PEOPLE, to_unit.path)


def can_see_transfer_person(user: User | AnonymousUser, request: TransferRequest) -> bool:
    """The person's record behind a request: seen from the current union's side, or by anyone once accepted."""
    return has_perm(user, VIEW, request.from_unit.path) or request.status == TransferRequest.Status.ACCEPTED


# --- restructuring requests (prepared by an officer of the level above, approved by a leader there) -------------


def can_prepare_restructuring(user: User | AnonymousUser, unit: Unit) -> bool:
    """Prepare any restructuring of ``unit`` (rename, move, merge, dissolve): an officer (or leader) of the level
    above; the leader's approval then carries it out."""
    return can_restructure_unit(user, unit)


def can_decide_restructuring(user: User | AnonymousUser | None, request: RestructuringRequest) -> bool:
    """Approve or return a request: a leader of the level above every unit restructured (``approve`` and
    ``manage_units`` on its parent or higher) who also manages the unit receiving them."""
    if user is None:
        return False
    units = list(request.units.all()) or [request.unit]
    if not all(can_restructure_unit(user, u, ending=True) for u in units):
        return False
    return request.target is None or can_manage_unit(user, request.target)


def can_withdraw_restructuring(user: User | AnonymousUser | None, request: RestructuringRequest) -> bool:
    """The one who prepared it (still able to prepare it), or a leader who could decide it."""
    if user is None:
        return False
    own = getattr(user, "pk", None) == request.prepared_by_id and can_prepare_restructuring(
        user, request.unit
    )
    return own or can_decide_restructuring(user, request)


def _authority_path(request: RestructuringRequest) -> str:
    unit = request.unit
    return unit.path[: -Unit.steplen] if unit.depth > 1 else unit.path


Status = RestructuringRequest.Status
RESTRUCTURING_WORKFLOW: Workflow[RestructuringRequest] = register(
    Workflow(
        model=RestructuringRequest,
        event_model=RestructuringEvent,
        unit_path=_authority_path,
        audit_fields=[
            "kind",
            "unit_id",
            "target_id",
            "new_name",
            "effective_on",
            "decision",
            "reason",
            "decided_by_id",
            "impact",
        ],  # fmt: skip
        event_fields=lambda step: {
            "request": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        transitions=[
            Transition(
                "approve",
                {Status.SUBMITTED},
                Status.APPROVED,
                APPROVE,
                label=_("duyệt và thực hiện"),
                check=can_decide_restructuring,
            ),  # fmt: skip
            Transition(
                "return",
                {Status.SUBMITTED},
                Status.RETURNED,
                APPROVE,
                label=_("trả lại"),
                needs_reason=True,
                check=can_decide_restructuring,
            ),  # fmt: skip
            Transition(
                "withdraw",
                {Status.SUBMITTED, Status.RETURNED},
                Status.WITHDRAWN,
                MANAGE_UNITS,
                label=_("rút đề nghị"),
                check=can_withdraw_restructuring,
            ),  # fmt: skip
        ],
    )
)
