"""Who may do what with emulation registration (đăng ký thi đua), and its path on the workflow kit.

A unit's officers and leaders open, fill in and send its registration (``SUBMIT`` on the unit); the level above
(``ACKNOWLEDGE`` on the unit's parent, or on any unit above it) acknowledges it, returns it with a reason, records
an amendment of an acknowledged registration and consents to a late one. A unit never acknowledges its own: the
role must cover the parent. Deadlines are set by a federation's officers and leaders (``ACKNOWLEDGE`` on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import VIEW, declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import RoleAssignment, Unit

from ..models import Registration, RegistrationEvent
from ..models import RegistrationStatus as Status
from ..models.emulation import REGISTRATION_AUDIT_FIELDS
from ..queries import FEDERATION_LEVELS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
SUBMIT = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="registrations",
                            label=_("Soạn, gửi"))  # fmt: skip
ACKNOWLEDGE = declare_permission("acknowledge_registrations", roles=[Role.LEADER, Role.OFFICER],
                                 app="registrations", label=_("Ghi nhận đăng ký thi đua của cấp dưới"))  # fmt: skip


def parent_path(unit: Unit) -> str | None:
    """The path of the unit directly above (None for the root)."""
    return unit.path[: -Unit.steplen] or None


def is_level_above(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """The user acts for the level above ``unit``: ``ACKNOWLEDGE`` on its parent (hence on an ancestor)."""
    above = parent_path(unit)
    return above is not None and has_perm(user, ACKNOWLEDGE, above)


def _above(user, registration: Registration) -> bool:
    return is_level_above(user, registration.unit)


EMULATION_WORKFLOW: Workflow[Registration] = register(
    Workflow(
        model=Registration,
        event_model=RegistrationEvent,
        unit_path=lambda registration: registration.unit.path,
        is_open=lambda registration: registration.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=REGISTRATION_AUDIT_FIELDS,
        event_fields=lambda step: {
            "registration": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
            "changes": step.changes,
        },
        transitions=[
            Transition(
                "submit",
                {Status.DRAFT, Status.RETURNED},
                Status.SUBMITTED,
                SUBMIT,
                label=_("gửi đăng ký thi đua lên cấp trên"),
            ),
            Transition(
                "acknowledge",
                {Status.SUBMITTED},
                Status.ACKNOWLEDGED,
                ACKNOWLEDGE,
                label=_("ghi nhận đăng ký thi đua"),
                check=_above,
            ),
            Transition(
                "return",
                {Status.SUBMITTED},
                Status.RETURNED,
                ACKNOWLEDGE,
                label=_("trả lại đăng ký thi đua"),
                needs_reason=True,
                check=_above,
            ),
            Transition(
                "amend",
                {Status.ACKNOWLEDGED},
                Status.ACKNOWLEDGED,
                ACKNOWLEDGE,
                label=_("ghi nhận điều chỉnh đăng ký thi đua"),
                needs_reason=True,
                check=_above,
            ),
        ],  # fmt: skip
    )
)


def can_view_registration(user: User | AnonymousUser, registration: Registration) -> bool:
    return has_perm(user, VIEW, registration.unit.path)


def can_open_registration(user: User | AnonymousUser, unit: Unit) -> bool:
    """Open a registration of ``unit``: an active unit with a level above, and ``SUBMIT`` on it."""
    return unit.is_active and parent_path(unit) is not None and has_perm(user, SUBMIT, unit.path)


def can_edit_registration(user: User | AnonymousUser, registration: Registration) -> bool:
    """Fill in a draft or a returned registration (its rows); an acknowledged one is read-only."""
    return registration.is_editable and has_perm(user, SUBMIT, registration.unit.path)


def can_transition(user: User | AnonymousUser, registration: Registration, name: str) -> bool:
    return EMULATION_WORKFLOW.can(user, registration, name)


def can_grant_late_consent(user: User | AnonymousUser, unit: Unit) -> bool:
    return unit.is_active and is_level_above(user, unit)


def can_set_deadline(user: User | AnonymousUser, federation: Unit) -> bool:
    return (
        federation.level in FEDERATION_LEVELS
        and federation.is_active
        and has_perm(user, ACKNOWLEDGE, federation.path)
    )
